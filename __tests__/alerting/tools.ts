import { execFile, spawn, spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { parse } from 'yaml';
import { SECRETS_DIR } from '../../runtimes/docker/alertmanager';
import { toYaml } from '../../lib/yaml';
import { Checker, checker } from '../support/checkers';
import { tempDir } from '../support/files';
import { container, TfJson, uploadedText } from '../support/synth';

/**
 * The real tools (promtool, amtool) run over an environment's synthesized configs, written to a
 * temp folder as the containers would receive them.
 */

const RULES_DIR = '/etc/prometheus/rules/';
const RULE_TESTS_DIR = '/etc/prometheus/tests/';

/** An environment's configs, written to disk. */
export interface WrittenConfigs {
  readonly dir: string;
  /** Folder of the rule files (one per group, named as in the container). */
  readonly rulesDir: string;
  readonly ruleFiles: string[];
  /** prometheus.yml with rule_files pointing at rulesDir; nothing else changed. */
  readonly prometheusYml: string;
  /** alertmanager.yml with secret files under dir/secrets (dummy values) and webhook URL variables filled in. */
  readonly alertmanagerYml: string;
}

/**
 * The uploaded text of alertmanager.yml, made loadable outside Terraform: secret files move from
 * SECRETS_DIR to `secretsDir`, filled with dummy values (URLs for the `*url_file` keys, which
 * Alertmanager parses). The text holds no Terraform expression: every secret is a file.
 */
export function loadableAlertmanagerYml(text: string, secretsDir: string): string {
  if (text.includes('${')) throw new Error(`alertmanager.yml holds a Terraform expression; every secret should be a *_file:\n${text}`);
  fs.mkdirSync(secretsDir, { recursive: true });
  return text.replace(new RegExp(`${SECRETS_DIR}/([a-z0-9_]+)`, 'g'), (_m, name: string) => {
    fs.writeFileSync(path.join(secretsDir, name), /url/.test(name) ? `https://hooks.invalid/${name}\n` : `dummy-${name}\n`);
    return path.join(secretsDir, name);
  });
}

/** Writes an environment's prometheus.yml, rule files and alertmanager.yml from its Terraform JSON. */
export function writeConfigs(json: TfJson, env: string, dir = tempDir(`alerting-${env}-`)): WrittenConfigs {
  const prom = container(json, `${env}-prometheus`);
  const rulesDir = path.join(dir, 'rules');
  fs.mkdirSync(rulesDir, { recursive: true });
  const ruleFiles: string[] = [];
  for (const u of prom.upload as Array<{ file: string; content: string }>) {
    if (!u.file.startsWith(RULES_DIR)) continue;
    const file = path.join(rulesDir, u.file.slice(RULES_DIR.length));
    fs.writeFileSync(file, u.content);
    ruleFiles.push(file);
  }
  const config = parse(uploadedText(prom, '/etc/prometheus/prometheus.yml'));
  config.rule_files = (config.rule_files ?? []).map((f: string) => (f.startsWith(RULES_DIR) ? path.join(rulesDir, f.slice(RULES_DIR.length)) : f));
  const prometheusYml = path.join(dir, 'prometheus.yml');
  fs.writeFileSync(prometheusYml, toYaml(config));
  const alertmanagerYml = path.join(dir, 'alertmanager.yml');
  const am = uploadedText(container(json, `${env}-alertmanager`), '/etc/alertmanager/alertmanager.yml');
  fs.writeFileSync(alertmanagerYml, loadableAlertmanagerYml(am, path.join(dir, 'secrets')));
  return { dir, rulesDir, ruleFiles, prometheusYml, alertmanagerYml };
}

/**
 * The promtool test files uploaded to an environment's Prometheus, by file name, their rule_files
 * moved from the container's rule folder to `rulesDir` (as writeConfigs moves prometheus.yml's).
 */
export function uploadedRuleTests(json: TfJson, env: string, rulesDir: string): Map<string, string> {
  const prom = container(json, `${env}-prometheus`);
  const tests = new Map<string, string>();
  for (const u of prom.upload as Array<{ file: string; content: string }>) {
    if (!u.file.startsWith(RULE_TESTS_DIR)) continue;
    const doc = parse(u.content);
    doc.rule_files = doc.rule_files.map((f: string) => (f.startsWith(RULES_DIR) ? path.join(rulesDir, f.slice(RULES_DIR.length)) : f));
    tests.set(u.file.slice(RULE_TESTS_DIR.length), toYaml(doc));
  }
  return tests;
}

export interface ToolResult {
  readonly code: number;
  /** stdout and stderr, in the order the tool wrote them. */
  readonly output: string;
}

/** Runs a checker to completion (at most `timeoutMs`), stdout and stderr interleaved as written. */
export function runTool(tool: Checker, args: readonly string[], options: { cwd?: string; timeoutMs?: number } = {}): ToolResult {
  // One file for both streams keeps their order (promtool prints each test file's verdict to
  // stdout and its failures to stderr).
  const log = path.join(tempDir('tool-output-'), 'output');
  const fd = fs.openSync(log, 'w');
  try {
    const r = spawnSync(checker(tool), args, { cwd: options.cwd, stdio: ['ignore', fd, fd], timeout: options.timeoutMs ?? 20_000 });
    if (r.error) throw r.error;
    return { code: r.status ?? -1, output: fs.readFileSync(log, 'utf8') };
  } finally {
    fs.closeSync(fd);
  }
}

/** The same, without blocking: for many short amtool runs side by side. */
export function runToolAsync(tool: Checker, args: readonly string[], timeoutMs = 10_000): Promise<ToolResult> {
  const command = checker(tool);
  return new Promise((resolve, reject) => {
    execFile(command, [...args], { timeout: timeoutMs }, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === 'number' ? error.code : -1) : 0;
      if (error && typeof error.code !== 'number') reject(error);
      else resolve({ code, output: `${stdout}${stderr}` });
    });
  });
}

/** Runs `fn` over `items`, at most `limit` at a time. */
export async function mapLimit<T, R>(items: readonly T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      results[i] = await fn(items[i]);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}

/**
 * `promtool test rules`, one run per test file (at most two at a time); returns each file's
 * verdict: "SUCCESS" when promtool exits 0, else what it printed. Only the exit code decides, so
 * a promtool that words its report differently cannot turn a pass into a failure.
 */
export async function promtoolTestRules(dir: string, files: readonly string[]): Promise<Map<string, string>> {
  const promtool = checker('promtool');
  const results = await mapLimit(files, 2, (file) => runToolInBackground(promtool, ['test', 'rules', file], { cwd: dir, timeoutMs: 60_000 }));
  return new Map(files.map((file, i) => [file, results[i].code === 0 ? 'SUCCESS' : `exit code ${results[i].code}:\n${results[i].output.trim()}`]));
}

/** A command run to completion without blocking, stdout and stderr interleaved as written. */
function runToolInBackground(command: string, args: readonly string[], options: { cwd?: string; timeoutMs?: number } = {}): Promise<ToolResult> {
  const log = path.join(tempDir('tool-output-'), 'output');
  const fd = fs.openSync(log, 'w');
  return new Promise((resolve, reject) => {
    const child = spawn(command, [...args], { cwd: options.cwd, stdio: ['ignore', fd, fd], timeout: options.timeoutMs ?? 20_000 });
    fs.closeSync(fd);
    child.on('error', reject);
    child.on('exit', (code) => resolve({ code: code ?? -1, output: fs.readFileSync(log, 'utf8') }));
  });
}
