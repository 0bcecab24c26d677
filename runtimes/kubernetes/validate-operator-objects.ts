import { spawnSync } from 'child_process';
import * as path from 'path';
import { InternalError } from '../../lib/errors';

/** An operator object to validate: its kind and the document as the operator would read it. */
export interface OperatorObject {
  readonly apiVersion: string;
  readonly kind: string;
  readonly metadata?: { readonly name?: string; readonly namespace?: string };
  readonly spec?: unknown;
}

/**
 * Runs in a child process: @kubernetes-models/prometheus-operator is an ES module, this project
 * CommonJS. Each object is validated by the model class of its kind (the JSON schema generated
 * from prometheus-operator's API types); the answer is one line per problem.
 */
const SCRIPT = `
import * as v1 from '@kubernetes-models/prometheus-operator/monitoring.coreos.com/v1';
let input = '';
for await (const chunk of process.stdin) input += chunk;
const problems = [];
for (const object of JSON.parse(input)) {
  const Model = object.apiVersion === 'monitoring.coreos.com/v1' ? v1[object.kind] : undefined;
  const name = object.kind + ' ' + (object.metadata?.namespace ?? '') + '/' + (object.metadata?.name ?? '');
  if (typeof Model !== 'function') { problems.push(name + ': no schema for ' + object.apiVersion + ' ' + object.kind); continue; }
  try { new Model(object).validate(); } catch (error) {
    for (const e of error.errors ?? [{ instancePath: '', message: error.message }]) problems.push(name + ': ' + (e.instancePath || '/') + ' ' + e.message);
  }
}
process.stdout.write(JSON.stringify(problems));
`;

/**
 * Validates prometheus-operator objects against the schemas of the operator's CRDs. Returns
 * every problem, one line each ("Prometheus monitoring/openhands: /spec/replicas must be
 * integer"); none when all are valid.
 */
export function validateOperatorObjects(objects: readonly OperatorObject[]): string[] {
  const result = spawnSync(process.execPath, ['--input-type=module', '-e', SCRIPT], {
    cwd: path.resolve(__dirname, '..', '..'),
    input: JSON.stringify(objects),
    encoding: 'utf8',
    timeout: 60_000,
  });
  if (result.status !== 0) throw new InternalError(`validating operator objects failed: ${result.error?.message ?? result.stderr}`);
  return (JSON.parse(result.stdout) as string[]).filter((problem) => !GENERATOR_QUIRKS.some((quirk) => quirk.test(problem)));
}

/**
 * Findings of the model package that the operator's CRDs do not make: its generated schema
 * treats an embedded PersistentVolumeClaim template as a top-level object of the operator's
 * group (apiVersion "monitoring.coreos.com/v1" and kind required), where the CRD
 * (crd-prometheuses.yaml, crd-alertmanagers.yaml) has both optional and free.
 */
export const GENERATOR_QUIRKS: readonly RegExp[] = [/: \/spec\/storage\/volumeClaimTemplate must have required property (apiVersion|kind)$/];
