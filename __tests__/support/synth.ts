import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App, TerraformStack, Testing } from 'cdktf';
import { parse } from 'yaml';
import { EnvironmentStack } from '../../runtimes/docker/environment-stack';
import { ENVIRONMENTS } from '../../environments';

/** A synthesized stack: the parsed cdk.tf.json. */
export type TfJson = {
  resource: Record<string, Record<string, Record<string, any>>>;
  variable?: Record<string, Record<string, unknown>>;
  provider?: Record<string, Array<Record<string, unknown>>>;
  terraform?: Record<string, any>;
  output?: Record<string, Record<string, any>>;
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

/** A stack synthesized: its parsed Terraform JSON. */
export function synthJson(stack: TerraformStack): TfJson {
  return JSON.parse(Testing.synth(stack)) as TfJson;
}

/** Builds an environment from a spec and returns its stack and parsed Terraform JSON. */
export function synthEnvironment(spec: unknown): { stack: EnvironmentStack; json: TfJson } {
  const stack = new EnvironmentStack(testApp(), spec);
  return { stack, json: synthJson(stack) };
}

/**
 * A string as Terraform hands it on: its escapes of literal `${` and `%{` (`$${`, `%%{`, which
 * terraformLiteral writes) undone.
 */
export function fromTerraformLiteral(text: string): string {
  return text.replace(/\$\$\{/g, '${').replace(/%%\{/g, '%{');
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

/** An environment's rendered configs, parsed back to data. */
export interface RenderedConfigs {
  prometheus: any;
  /** Every rule group of every rule file, by group name. */
  groups: Map<string, any>;
  /** Every rule, alerting and recording, by alert or record name. */
  rules: Map<string, any>;
  alertmanager: any;
}

export function renderedConfigs(json: TfJson, env: string): RenderedConfigs {
  const prom = container(json, `${env}-prometheus`);
  const groups = new Map<string, any>();
  const rules = new Map<string, any>();
  for (const u of prom.upload as Array<{ file: string }>) {
    if (!u.file.startsWith('/etc/prometheus/rules/')) continue;
    for (const g of uploadedYaml(prom, u.file).groups) {
      groups.set(g.name, g);
      for (const r of g.rules) rules.set(r.alert ?? r.record, { ...r, group: g.name });
    }
  }
  return {
    prometheus: uploadedYaml(prom, '/etc/prometheus/prometheus.yml'),
    groups,
    rules,
    alertmanager: uploadedYaml(container(json, `${env}-alertmanager`), '/etc/alertmanager/alertmanager.yml'),
  };
}

/** The scrape job of this name in a parsed prometheus.yml, with its targets flattened. */
export function scrapeJob(prometheus: any, name: string): any & { targets: string[] } {
  const job = prometheus.scrape_configs.find((j: { job_name: string }) => j.job_name === name);
  if (!job) throw new Error(`no scrape job ${name}; jobs are ${prometheus.scrape_configs.map((j: { job_name: string }) => j.job_name).join(', ')}`);
  return { ...job, targets: (job.static_configs ?? []).flatMap((s: { targets: string[] }) => s.targets) };
}

/** Synthesizes every environment once; returns a lookup by environment name. */
export function synthEveryEnvironment(): (name: string) => { stack: EnvironmentStack; json: TfJson } {
  const built = new Map(ENVIRONMENTS.map((spec) => [spec.name, synthEnvironment(spec)]));
  return (name) => {
    const found = built.get(name);
    if (!found) throw new Error(`no environment ${name}`);
    return found;
  };
}
