import * as fs from 'fs';
import { formatFinding, refuses } from './lib/lint';
import { App, TerraformStack } from 'cdktf';
import { ConfigError } from './lib/errors';
import { lintEnvironment } from './lib/lint';
import { describeStack, lintError, lintStack, recordLintFindings } from './lib/lint-environment';
import { EnvironmentStack } from './runtimes/docker/environment-stack';
import { validateSpec } from './environments/spec';
import { KUBERNETES_ENVIRONMENTS, KubernetesEnvironmentEntry, REGISTRY } from './environments';
import { Environment } from './environments/environment';
import { KubernetesEnvironment } from './runtimes/kubernetes/environment';
import { validateKubernetesSpec } from './runtimes/kubernetes/environment-spec';
import { activeSeries, StackFacts, summaryLines } from './lib/synth-summary';

/** What buildApp knew of each stack while building it, for the synth's report. */
const built = new WeakMap<App, Array<{ stack: TerraformStack; facts: StackFacts }>>();

/** A registry entry, told from a spec alone by its dashboards function. */
function isEnvironment(value: unknown): value is Environment {
  return typeof value === 'object' && value !== null && typeof (value as { dashboards?: unknown }).dashboards === 'function';
}

/**
 * The app: one Terraform stack per environment. main.ts runs synthesize(); scripts and tests
 * build apps from here, since a bundled entry cannot tell which module is "main".
 * @param environments the Docker environments to build, each an entry { spec, dashboards } or a spec
 *   alone (its dashboards then those of the registry entry of its name) @default REGISTRY
 * @param kubernetes the environments on a cluster to build @default KUBERNETES_ENVIRONMENTS
 * @throws ConfigError for an invalid spec, a cross-object problem, or listing every finding of the monitoring lint
 */
export function buildApp(
  outdir?: string,
  environments: readonly unknown[] = REGISTRY,
  kubernetes: readonly KubernetesEnvironmentEntry[] = KUBERNETES_ENVIRONMENTS,
): App {
  const entries = environments.map((e) => (isEnvironment(e) ? e : { spec: e, dashboards: undefined }));
  // Every spec is validated before the App exists: a bad one leaves not even an empty folder.
  const specs = entries.map((e) => validateSpec(e.spec));
  const clusterSpecs = kubernetes.map((e) => ({ spec: validateKubernetesSpec(e.spec), dashboards: e.dashboards }));
  const folder = outdir ?? process.env.CDKTF_OUTDIR ?? 'cdktf.out';
  const existed = fs.existsSync(folder);
  const app = new App(outdir ? { outdir } : undefined);
  // A construct that refuses its props (two containers claiming one host port), or a finding of the
  // monitoring lint, which reads the built stacks, refuses the synth: the App's new, still empty
  // folder goes with it.
  try {
    const stacks = specs.map((spec, i) => new EnvironmentStack(app, spec, entries[i].dashboards));
    // Each environment on a cluster is two stacks; building it runs its cross-object checks.
    const clusters = clusterSpecs.map((e) => new KubernetesEnvironment(app, e.spec, e.dashboards));
    const described = stacks.map(describeStack);
    const perStack = [
      ...stacks.map((stack, i) => ({ stack: stack as TerraformStack, findings: lintStack(stack, described[i]) })),
      ...clusters.map((c) => ({ stack: c.monitoring as TerraformStack, findings: lintEnvironment(c.lint) })),
    ];
    const findings = perStack.flatMap((s) => s.findings);
    const error = lintError(findings);
    if (error) throw error;
    // What lets synth finish is recorded in the stack too, for the review to compare.
    for (const s of perStack) recordLintFindings(s.stack, s.findings);
    // Warnings print and let synth finish; so do findings a rule's lintDisable turns off, with the reason.
    for (const f of findings) if (!refuses(f)) process.stderr.write(`${formatFinding(f)}\n`);
    built.set(app, [
      ...stacks.map((stack, i) => ({
        stack,
        facts: {
          ruleGroups: { written: stack.spec.monitoring.ruleGroups, generated: stack.ruleGroups.slice(stack.spec.monitoring.ruleGroups.length) },
          activeSeries: activeSeries(described[i].jobs),
        },
      })),
      ...clusters.flatMap((c) => [
        { stack: c.platform, facts: {} },
        {
          stack: c.monitoring,
          facts: { ruleGroups: { written: c.spec.ruleGroups, generated: c.ruleGroups.slice(c.spec.ruleGroups.length) }, dashboards: c.dashboards.length },
        },
      ]),
    ]);
  } catch (error) {
    if (!existed) fs.rmSync(app.outdir, { recursive: true, force: true });
    throw error;
  }
  return app;
}

/** The synth's report of an app buildApp made: one line per stack, then where it wrote. */
export function synthSummary(app: App): string[] {
  return summaryLines(built.get(app) ?? [], app.outdir);
}

/**
 * Synthesizes the environments and says what it made, or prints why not in one message and
 * exits 1 with nothing written: bad input is the user's to fix, so it gets no stack trace.
 */
export function synthesize(environments: readonly unknown[] = REGISTRY): void {
  try {
    const app = buildApp(undefined, environments);
    app.synth();
    process.stdout.write(synthSummary(app).map((line) => `${line}\n`).join(''));
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`synth failed: ${error.message}\n`);
      process.exit(1);
    }
    throw error;
  }
}
