/**
 * npm run lint:monitoring — the monitoring lint (lib/lint.ts) on every environment: prints every
 * finding, one a line (warnings, and findings a rule's lintDisable turns off with its reason, marked
 * so), or "no findings" for a clean environment; exits 1 when there is an error.
 * It builds each environment's constructs (as synth does) but writes nothing.
 */
import * as os from 'os';
import { App } from 'cdktf';
import { ConfigError } from '../lib/errors';
import { formatFinding, refuses } from '../lib/lint';
import { lintStack } from '../lib/lint-environment';
import { EnvironmentStack } from '../runtimes/docker/environment-stack';
import { ENVIRONMENTS } from '../environments';

function main(): number {
  let total = 0;
  for (const spec of ENVIRONMENTS) {
    let lines: string[];
    try {
      // An App creates its output folder: point it at one that exists. Nothing is synthesized.
      const findings = lintStack(new EnvironmentStack(new App({ outdir: os.tmpdir() }), spec));
      total += findings.filter(refuses).length;
      lines = findings.map(formatFinding);
    } catch (error) {
      // A spec that does not validate (a PromQL syntax error in a rule, ...) cannot be linted further.
      if (!(error instanceof ConfigError)) throw error;
      lines = [error.message];
      total += 1;
    }
    process.stdout.write(lines.length ? `${lines.join('\n')}\n` : `environment "${spec.name}": no findings\n`);
  }
  if (total > 0) process.stderr.write(`${total} error${total === 1 ? '' : 's'}\n`);
  return total > 0 ? 1 : 0;
}

process.exitCode = main();
