import * as fs from 'fs';
import * as fc from 'fast-check';
import { ConfigError } from '../../lib/errors';
import { validateSpec } from '../../environments/spec';
import { buildApp } from '../../app';
import { ENVIRONMENTS } from '../../environments';
import { removeTempDirs, tempDir } from '../support/files';
import { clone } from '../support/synth';
import { specPaths } from '../support/spec';

/** Values that are wrong almost anywhere in a spec. */
const badValue = fc.oneof(
  fc.constant(null),
  fc.constant(''),
  fc.constant('5 minutes'),
  fc.constant('latest'),
  fc.constant('hive1.example.com'),
  fc.constant(-1),
  fc.constant(70000),
  fc.constant(1.5),
  fc.constant(true),
  fc.constant([]),
  fc.constant({}),
  fc.constant({ unexpected: 1 }),
  fc.string({ maxLength: 12 }),
  fc.integer(),
);

type Mutation = { kind: 'set'; at: number; value: unknown } | { kind: 'delete'; at: number } | { kind: 'add'; at: number; key: string; value: unknown };

// Deleting often removes an optional field and leaves a valid spec (which must then build, at
// ~20 ms each), so deletions are drawn less often than the changes that break a spec.
const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  { arbitrary: fc.record({ kind: fc.constant('set' as const), at: fc.nat(), value: badValue }), weight: 4 },
  { arbitrary: fc.record({ kind: fc.constant('delete' as const), at: fc.nat() }), weight: 1 },
  { arbitrary: fc.record({ kind: fc.constant('add' as const), at: fc.nat(), key: fc.constantFrom('retention', 'pasword', 'Targets', 'severity_level'), value: badValue }), weight: 2 },
);

/** Applies the mutations to a copy of the spec; paths are chosen among the current ones. */
function mutate(spec: unknown, mutations: Mutation[]): unknown {
  const copy = { root: clone(spec) } as Record<string, unknown>;
  for (const m of mutations) {
    const all = specPaths(copy.root).map((p) => ['root', ...p]);
    const target = all[m.at % all.length];
    const parent = target.slice(0, -1).reduce<any>((o, k) => o[k], copy);
    const key = target[target.length - 1];
    // A copy of the value: fast-check hands out its constants frozen and shared between runs.
    if (m.kind === 'set') parent[key] = clone(m.value);
    else if (m.kind === 'delete' && target.length > 1) Array.isArray(parent) ? parent.splice(Number(key), 1) : delete parent[key];
    else if (m.kind === 'add') {
      const node = parent[key];
      if (node !== null && typeof node === 'object' && !Array.isArray(node)) node[m.key] = clone(m.value);
    }
  }
  return copy.root;
}

/**
 * One clear error: the environment, a field path, what was expected and what was given; or,
 * for a spec that validates but breaks the monitoring lint, the lint's finding: the
 * environment, the rule or panel, the position and what is wrong (several: their count, then one a line).
 */
const SPEC_ERROR = /^environment "[^"]+": [^\n]+?: expected [^\n]+, got [^\n]+$/;
const LINT_FINDING = /^environment "[^"]+": (rule|dashboard) [^\n]+ at line \d+, column \d+[^\n]*$/;
/** Several lint findings: their count on a line, then one finding a line (lib/lint-environment.ts lintError). */
const LINT_COUNT = /^\d+ monitoring lint findings \(npm run lint:monitoring lists them\):$/;
/** A finding on the config rather than an expression: the route, receiver, job or field, and what is wrong. */
const CONFIG_FINDING = /^environment "[^"]+": (monitoring\.alertmanager\.[\w.[\]]+|job "[^"]+"( \(monitoring\.jobs\[\d+\]\))?[\w.[\]]*|rule [^\n]+? \([^)]+\)|[\w.[\]]+): [^\n]+$/;
const isFinding = (line: string) => LINT_FINDING.test(line) || CONFIG_FINDING.test(line);
const isLintList = (lines: string[]) => lines.length > 2 && LINT_COUNT.test(lines[0]) && lines.slice(1).every(isFinding);
const isClear = (message: string) => SPEC_ERROR.test(message) || isFinding(message) || isLintList(message.split('\n'));

/** Mutants that stay valid are built (each costs a whole stack); this many per environment. */
const VALID_BUILDS = 10;

afterAll(removeTempDirs);

describe('malformed specs', () => {
  test.each(ENVIRONMENTS.map((e) => [e.name, e] as const))('%s: every malformed spec yields one clear error and writes nothing', (_name, spec) => {
    const outdir = tempDir('obs-prop-');
    let validBuilt = 0;
    fc.assert(
      fc.property(fc.array(mutation, { minLength: 1, maxLength: 3 }), (mutations) => {
        const broken = mutate(spec, mutations);
        try {
          // Validation alone decides most cases; a mutant that passes it (deleting an optional
          // field, say) is no malformed spec, and a sample of those is built through the app.
          validateSpec(broken);
          if (validBuilt++ >= VALID_BUILDS) return;
          buildApp(outdir, [broken]);
        } catch (error) {
          // THEN it is our error, never a TypeError or a stack trace, with one clear line
          if (!(error instanceof ConfigError)) throw new Error(`not a ConfigError: ${(error as Error).stack}`);
          if (!isClear(error.message)) throw new Error(`unclear message: ${error.message}`);
          // AND nothing was written
          const files = fs.readdirSync(outdir, { recursive: true, withFileTypes: true }).filter((f) => f.isFile());
          if (files.length !== 0) throw new Error(`output written: ${files.map((f) => f.name).join(', ')}`);
        }
      }),
      { numRuns: 500, seed: 20261121 },
    );
  });
});
