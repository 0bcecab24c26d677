import { EnvironmentSpec } from './spec';
import { homelab } from './homelab';
import { llamaOrch } from './llama-orch';
import { lloom } from './lloom';
import { osmen } from './osmen';

/** Every environment, in the order `cdktf synth` builds them. Add one by adding a file. */
export const ENVIRONMENTS: readonly EnvironmentSpec[] = [homelab, llamaOrch, lloom, osmen];
