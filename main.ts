/** The app: one Terraform stack per environment (environments/index.ts), synthesized into cdktf.out. */
import { synthesize } from './app';

synthesize();
