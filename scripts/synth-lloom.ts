/**
 * Synthesizes the lloom environment alone, as main.ts does, with N nodes (clients, executors and validators
 * together, 2:2:1), into $CDKTF_OUTDIR or cdktf.out. Used by the benchmark.
 *   tsx scripts/synth-lloom.ts 1000
 */
import { buildApp } from '../app';
import { lloomSpec, LloomNodes } from '../environments/lloom/spec';

export function lloomNodes(total: number): LloomNodes {
  const validators = Math.max(1, Math.round(total / 5));
  const clients = Math.max(1, Math.round((total - validators) / 2));
  const executors = Math.max(1, total - validators - clients);
  const names = (role: string, n: number) => Array.from({ length: n }, (_, i) => `${role}${i + 1}.lloom.internal`);
  return { clients: names('client', clients), executors: names('executor', executors), validators: names('validator', validators) };
}

if (require.main === module) {
  const total = Number(process.argv[2]);
  if (!Number.isInteger(total) || total < 3) {
    process.stderr.write('usage: synth-lloom.ts <nodes, at least 3>\n');
    process.exit(2);
  }
  // The same path as the app: validation, the stack, the monitoring lint, then synthesis.
  buildApp(undefined, [lloomSpec(lloomNodes(total))]).synth();
}
