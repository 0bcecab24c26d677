/** The app: one Terraform stack per environment (stacks/index.ts), synthesized into cdktf.out. */
import { synthesize } from './stacks/app';

synthesize();
