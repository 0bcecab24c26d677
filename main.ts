import { App } from 'cdktf';
import { ConfigError } from './lib/errors';
import { EnvironmentStack } from './stacks/environment';
import { validateSpec } from './stacks/spec';
import { ENVIRONMENTS } from './stacks';

/** The app: one Terraform stack per environment. */
export function buildApp(outdir?: string): App {
  // Every spec is validated before the App exists: a bad one leaves not even an empty folder.
  ENVIRONMENTS.forEach(validateSpec);
  const app = new App(outdir ? { outdir } : undefined);
  for (const spec of ENVIRONMENTS) new EnvironmentStack(app, spec);
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
