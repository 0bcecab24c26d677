import { App } from 'cdktf';
import { ConfigError } from './lib/errors';
import { EnvironmentStack } from './stacks/environment';
import { ENVIRONMENTS } from './stacks';

/** The app: one Terraform stack per environment. */
export function buildApp(outdir?: string): App {
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
