/**
 * The semantic diff of a monitoring change, for pull-request review:
 *   npm run diff -- --base <git ref | cdktf.out folder> [--head <git ref | cdktf.out folder>] [--env <environment>] [--format md|json]
 * Head defaults to the working tree. A git ref is synthesized in a temporary git worktree
 * (node_modules linked from this checkout when the ref locks the same dependencies, else
 * installed from npm's cache; the worktree is removed afterwards); both sides are
 * read from their cdk.tf.json only. Exit 0 when nothing changed in meaning, 1 when something
 * did, 2 on bad input, with one line saying what and how to fix it.
 */
import { execFileSync, spawn } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { ConfigError } from '../lib/errors';
import { readOutput, renderJson, renderMarkdown, reviewOutputs } from '../lib/review/report';

// The checkout: this file's parent folder, as scripts/diff.ts and as its bundle .gen/scripts__diff.js.
const root = path.resolve(__dirname, '..');

interface Options {
  base: string;
  head?: string;
  env?: string;
  format: 'md' | 'json';
}

const USAGE = 'expected --base <git ref | cdktf.out folder> [--head <git ref | cdktf.out folder>] [--env <environment>] [--format md|json]';

export function parseArgs(argv: readonly string[]): Options {
  const values: Record<string, string> = {};
  for (let i = 0; i < argv.length; i += 1) {
    const flag = argv[i];
    if (!['--base', '--head', '--env', '--format'].includes(flag)) throw new ConfigError(`argument "${flag}": unknown: ${USAGE}`);
    const value = argv[i + 1];
    if (value === undefined || value.startsWith('--')) throw new ConfigError(`${flag}: expected a value, got nothing: ${USAGE}`);
    values[flag.slice(2)] = value;
    i += 1;
  }
  if (values.base === undefined) throw new ConfigError(`--base: expected a git ref or a cdktf.out folder, got nothing: ${USAGE}`);
  const format = values.format ?? 'md';
  if (format !== 'md' && format !== 'json') throw new ConfigError(`--format: expected "md" or "json", got "${format}"`);
  return { base: values.base, head: values.head, env: values.env, format };
}

function git(args: string[]): string {
  return execFileSync('git', args, { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }).trim();
}

/** Runs a tree's cdktf.json app command with its output in `outdir`; rejects with the command's last error line. */
function synth(tree: string, outdir: string, label: string): Promise<void> {
  const config = path.join(tree, 'cdktf.json');
  if (!fs.existsSync(config)) return Promise.reject(new ConfigError(`${label}: no cdktf.json: expected a commit of this project, which synthesizes with its app command`));
  const app = JSON.parse(fs.readFileSync(config, 'utf8')).app as string;
  return new Promise((resolve, reject) => {
    const child = spawn('sh', ['-c', app], {
      cwd: tree,
      env: { ...process.env, CDKTF_OUTDIR: outdir, CHECKPOINT_DISABLE: '1', CDKTF_DISABLE_PLUGIN_CACHE_ENV: '1' },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('close', (code) => {
      if (code === 0) return resolve();
      // The synth's own one-line message, or the error line of a crash (not the trace under it).
      const lines = stderr.trim().split('\n').filter(Boolean);
      const last = (lines.find((l) => /^synth failed: /.test(l)) ?? lines.find((l) => /^\w*Error\b/.test(l)) ?? lines.pop() ?? `exit code ${code}`).replace(/^synth failed: /, '');
      reject(new ConfigError(`${label}: synth failed: ${last}`));
    });
  });
}

/**
 * A ref's node_modules: this checkout's, linked, when the ref locks the same dependencies (fast);
 * its own, installed from npm's cache, when its package-lock.json differs, since code of one
 * release of a dependency may not run on another.
 */
function installDependencies(tree: string, commit: string, label: string): Promise<void> {
  let lock = '';
  try {
    lock = git(['show', `${commit}:package-lock.json`]);
  } catch {
    // no lock file: install below
  }
  const ours = fs.readFileSync(path.join(root, 'package-lock.json'), 'utf8').trim();
  if (lock === ours) {
    fs.symlinkSync(path.join(root, 'node_modules'), path.join(tree, 'node_modules'), 'dir');
    return Promise.resolve();
  }
  return new Promise((resolve, reject) => {
    const child = spawn('npm', ['ci', '--prefer-offline', '--no-audit', '--no-fund', '--loglevel=error'], { cwd: tree, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('close', (code) => {
      if (code === 0) return resolve();
      const line = stderr.trim().split('\n').find((l) => /ERR!/.test(l)) ?? `exit code ${code}`;
      reject(new ConfigError(`${label}: its dependencies (package-lock.json differs from this checkout's) could not be installed: ${line}`));
    });
  });
}

interface Side {
  dir: string;
  cleanup: () => void;
}

/** A synth output for one side: a folder as given, or the working tree or a git ref synthesized. */
async function resolveSide(flag: string, given: string | undefined): Promise<Side> {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'obs-diff-'));
  const removeTmp = () => fs.rmSync(tmp, { recursive: true, force: true });
  try {
    if (given === undefined) {
      await synth(root, path.join(tmp, 'out'), `${flag} (working tree)`);
      return { dir: path.join(tmp, 'out'), cleanup: removeTmp };
    }
    if (fs.existsSync(given) && fs.statSync(given).isDirectory()) {
      removeTmp();
      return { dir: given, cleanup: () => undefined };
    }
    let commit: string;
    try {
      commit = git(['rev-parse', '--verify', '--quiet', `${given}^{commit}`]);
    } catch {
      throw new ConfigError(`${flag} "${given}": neither a git ref nor a folder: expected a commit, branch or tag of this repository, or a cdktf.out folder`);
    }
    const tree = path.join(tmp, 'tree');
    git(['worktree', 'add', '--detach', '--quiet', tree, commit]);
    const cleanup = () => {
      try {
        git(['worktree', 'remove', '--force', tree]);
      } finally {
        removeTmp();
      }
    };
    try {
      await installDependencies(tree, commit, `${flag} "${given}"`);
      await synth(tree, path.join(tmp, 'out'), `${flag} "${given}"`);
    } catch (error) {
      cleanup();
      throw error;
    }
    return { dir: path.join(tmp, 'out'), cleanup };
  } catch (error) {
    removeTmp();
    throw error;
  }
}

export async function main(argv: readonly string[]): Promise<number> {
  const options = parseArgs(argv);
  const sides = await Promise.allSettled([resolveSide('--base', options.base), resolveSide('--head', options.head)]);
  try {
    const [base, head] = sides.map((s) => {
      if (s.status === 'rejected') throw s.reason;
      return s.value;
    });
    const review = reviewOutputs(readOutput(base.dir, '--base'), readOutput(head.dir, '--head'), options.env);
    process.stdout.write(options.format === 'json' ? renderJson(review) : renderMarkdown(review));
    return review.changed ? 1 : 0;
  } finally {
    for (const s of sides) if (s.status === 'fulfilled') s.value.cleanup();
  }
}

if (require.main === module) {
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (error: unknown) => {
      if (error instanceof ConfigError) {
        process.stderr.write(`diff: ${error.message}\n`);
        process.exit(2);
      }
      throw error;
    },
  );
}
