import * as fs from 'fs';
import { App } from 'cdktf';
import { ConfigError } from './lib/errors';
import { lintError, lintStack } from './lib/lint-environment';
import { EnvironmentStack } from './stacks/environment';
import { validateSpec } from './stacks/spec';
import { ENVIRONMENTS } from './stacks';

/**
 * The app: one Terraform stack per environment.
 * @param environments the specs to build @default ENVIRONMENTS
 * @throws ConfigError for an invalid spec, or listing every finding of the monitoring lint
 */
export function buildApp(outdir?: string, environments: readonly unknown[] = ENVIRONMENTS): App {
  // Every spec is validated before the App exists: a bad one leaves not even an empty folder.
  environments.forEach(validateSpec);
  const folder = outdir ?? process.env.CDKTF_OUTDIR ?? 'cdktf.out';
  const existed = fs.existsSync(folder);
  const app = new App(outdir ? { outdir } : undefined);
  const stacks = environments.map((spec) => new EnvironmentStack(app, spec));
  // The monitoring lint reads the built stacks (every scrape job, rule and dashboard query); a
  // finding refuses the synth, and the App's new, still empty folder goes with it.
  const error = lintError(stacks.flatMap(lintStack));
  if (error) {
    if (!existed) fs.rmSync(app.outdir, { recursive: true, force: true });
    throw error;
  }
  return app;
}

if (require.main === module) {
  try {
    // Every stack is built (and every spec validated) before anything is written.
    buildApp().synth();
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`synth failed: ${error.message}\n`);
      process.exit(1);
    }
    throw error;
  }
}
