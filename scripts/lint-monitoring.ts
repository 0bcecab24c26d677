/**
 * npm run lint:monitoring — the monitoring lint (lib/lint.ts) on every environment: prints every
 * finding, one a line (warnings, and findings a rule's lintDisable turns off with its reason, marked
 * so), or "no findings" for a clean environment; exits 1 when there is an error.
 * It builds each environment's constructs (as synth does) but writes nothing.
 */
import * as os from 'os';
import { App } from 'cdktf';
import { ConfigError } from '../lib/errors';
import { formatFinding, lintEnvironment, refuses } from '../lib/lint';
import { lintStack } from '../lib/lint-environment';
import { EnvironmentStack } from '../runtimes/docker/environment-stack';
import { ENVIRONMENTS, KUBERNETES_ENVIRONMENTS } from '../environments';
import { KubernetesEnvironment } from '../runtimes/kubernetes/environment';
import { validateKubernetesSpec } from '../runtimes/kubernetes/environment-spec';

function main(): number {
  let total = 0;
  // An App creates its output folder: point it at one that exists. Nothing is synthesized.
  const builds = [
    ...ENVIRONMENTS.map((spec) => ({ name: spec.name, lint: () => lintStack(new EnvironmentStack(new App({ outdir: os.tmpdir() }), spec)) })),
    ...KUBERNETES_ENVIRONMENTS.map((e) => ({
      name: e.spec.name,
      lint: () => lintEnvironment(new KubernetesEnvironment(new App({ outdir: os.tmpdir() }), validateKubernetesSpec(e.spec), e.dashboards).lint),
    })),
  ];
  for (const build of builds) {
    let lines: string[];
    try {
      const findings = build.lint();
      total += findings.filter(refuses).length;
      lines = findings.map(formatFinding);
    } catch (error) {
      // A spec that does not validate (a PromQL syntax error in a rule, ...) cannot be linted further.
      if (!(error instanceof ConfigError)) throw error;
      lines = [error.message];
      total += 1;
    }
    process.stdout.write(lines.length ? `${lines.join('\n')}\n` : `environment "${build.name}": no findings\n`);
  }
  if (total > 0) process.stderr.write(`${total} error${total === 1 ? '' : 's'}\n`);
  return total > 0 ? 1 : 0;
}

process.exitCode = main();
