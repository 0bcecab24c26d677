/**
 * npm run preflight -- <stack> [<stack> ...] — before `cdktf deploy`: lists the TF_VAR_ variables
 * each stack needs and which of them the environment leaves unset. Exits 0 when every one is set,
 * 1 when one is missing (so a deploy never stops half-way on a missing secret), 2 on bad input.
 * Builds the stacks as synth does, in memory; writes nothing and prints no value.
 */
import * as os from 'os';
import { buildApp } from '../app';
import { ConfigError } from '../lib/errors';
import { appStacks, stackVariables } from '../lib/stack-variables';

function main(args: string[], env: NodeJS.ProcessEnv): number {
  let stacks;
  try {
    // An App creates its output folder: point it at one that exists. Nothing is synthesized.
    stacks = appStacks(buildApp(os.tmpdir()));
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    process.stderr.write(`preflight: ${error.message}\n`);
    return 2;
  }
  const names = stacks.map((s) => s.node.id);
  const wanted = args.filter((a) => a !== '--');
  const unknown = wanted.filter((w) => !names.includes(w));
  if (wanted.length === 0 || unknown.length > 0) {
    const what = wanted.length === 0 ? 'no stack named' : `unknown stack "${unknown[0]}"`;
    process.stderr.write(`preflight: ${what}: expected one or more of ${names.join(', ')}, as in \`npm run preflight -- ${names[0]}\`\n`);
    return 2;
  }
  let missing = 0;
  for (const stack of stacks.filter((s) => wanted.includes(s.node.id))) {
    const variables = stackVariables(stack);
    process.stdout.write(`${stack.node.id}: ${variables.length} variable${variables.length === 1 ? '' : 's'}\n`);
    const width = Math.max(0, ...variables.map((v) => v.name.length));
    for (const v of variables) {
      const set = (env[`TF_VAR_${v.name}`] ?? '') !== '';
      if (!set && v.required) missing++;
      const state = set ? 'set' : v.required ? 'MISSING' : 'unset (has a default)';
      process.stdout.write(`  TF_VAR_${v.name.padEnd(width)}  ${state.padEnd(7)}  ${v.sensitive ? 'sensitive' : 'plain    '}  ${v.description}\n`);
    }
  }
  if (missing > 0) process.stderr.write(`preflight: ${missing} variable${missing === 1 ? '' : 's'} missing: export them before \`npx cdktf deploy ${wanted.join(' ')}\`\n`);
  return missing > 0 ? 1 : 0;
}

process.exitCode = main(process.argv.slice(2), process.env);
