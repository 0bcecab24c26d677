import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App, Testing } from 'cdktf';
import { parse } from 'yaml';
import { EnvironmentStack } from '../../stacks/environment';

/** A synthesized stack: the parsed cdk.tf.json. */
export type TfJson = {
  resource: Record<string, Record<string, Record<string, any>>>;
  variable?: Record<string, Record<string, unknown>>;
  provider?: Record<string, Array<Record<string, unknown>>>;
  terraform?: Record<string, any>;
  [key: string]: unknown;
};

const outdirs: string[] = [];

/** A cdktf App writing into a fresh temp folder that cleanupOutdirs() removes. */
export function testApp(): App {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'obs-stack-test-'));
  outdirs.push(outdir);
  return Testing.stubVersion(new App({ outdir, stackTraces: false }));
}

/** Removes every folder testApp() made; call in afterAll. */
export function cleanupOutdirs(): void {
  for (const dir of outdirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
}

/** Builds an environment from a spec and returns its stack and parsed Terraform JSON. */
export function synthEnvironment(spec: unknown): { stack: EnvironmentStack; json: TfJson } {
  const stack = new EnvironmentStack(testApp(), spec);
  return { stack, json: JSON.parse(Testing.synth(stack)) as TfJson };
}

export function resourcesOfType(json: TfJson, type: string): Record<string, any>[] {
  return Object.values(json.resource[type] ?? {});
}

/** The docker_container resource with this container name. */
export function container(json: TfJson, name: string): Record<string, any> {
  const found = resourcesOfType(json, 'docker_container').filter((c) => c.name === name);
  if (found.length !== 1) {
    const names = resourcesOfType(json, 'docker_container').map((c) => c.name);
    throw new Error(`expected one container "${name}", found ${found.length} among ${names.join(', ')}`);
  }
  return found[0];
}

/** The raw text of a file uploaded into a container. */
export function uploadedText(c: Record<string, any>, file: string): string {
  const upload = (c.upload ?? []).find((u: { file: string }) => u.file === file);
  if (!upload) throw new Error(`container ${c.name} uploads no ${file}; it uploads ${(c.upload ?? []).map((u: { file: string }) => u.file).join(', ')}`);
  return upload.content;
}

/** A YAML file uploaded into a container, parsed back to data. */
export function uploadedYaml(c: Record<string, any>, file: string): any {
  return parse(uploadedText(c, file));
}

/** Deep copy of a spec, for tests that break one field. */
export function clone<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}
