/**
 * npm run bench: synthesis speed and scale, each figure the median of RUNS whole-process runs
 * on this machine (wall time and peak resident memory from GNU time), written to BENCHMARKS.md.
 *   (1) the floor: a process that only imports cdktf and @cdktf/provider-docker
 *   (2) the cdktf.json app command synthesizing every environment
 *   (3) lloom alone with 10, 100, 1000 and 5000 nodes
 *   (4) the review (npm run diff) of two synth folders, and of two git refs (each synthesized in
 *       a temporary worktree)
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

const ROOT = path.resolve(__dirname, '..');
const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const NODE_COUNTS = [10, 100, 1000, 5000];
const TIME = '/usr/bin/time';

/** Wall time, CPU time (user + system, every process of the run) and peak RSS of one run. */
interface Sample { seconds: number; cpuSeconds: number; rssMb: number }
interface Figure { name: string; seconds: number; cpuSeconds: number; rssMb: number; runs: Sample[] }

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

/** Runs a command RUNS times under GNU time, each in a fresh output folder. */
function measure(name: string, command: string): Figure {
  const runs: Sample[] = [];
  for (let i = 0; i < RUNS; i++) {
    const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'obs-bench-'));
    try {
      const r = spawnSync(TIME, ['-f', '%e %M %U %S', 'sh', '-c', command], {
        cwd: ROOT,
        env: { ...process.env, CDKTF_OUTDIR: outdir, CHECKPOINT_DISABLE: '1' },
        encoding: 'utf8',
      });
      if (r.status !== 0) throw new Error(`${name} failed (exit ${r.status}):\n${r.stderr}`);
      const [seconds, kb, user, system] = r.stderr.trim().split('\n').pop()!.split(' ').map(Number);
      runs.push({ seconds, cpuSeconds: user + system, rssMb: kb / 1024 });
    } finally {
      fs.rmSync(outdir, { recursive: true, force: true });
    }
  }
  const figure = { name, seconds: median(runs.map((r) => r.seconds)), cpuSeconds: median(runs.map((r) => r.cpuSeconds)), rssMb: median(runs.map((r) => r.rssMb)), runs };
  process.stdout.write(`${name.padEnd(40)} ${figure.seconds.toFixed(2)} s  ${figure.cpuSeconds.toFixed(2)} s CPU  ${figure.rssMb.toFixed(0)} MB\n`);
  return figure;
}

function main(): void {
  if (!fs.existsSync(TIME)) {
    process.stderr.write(`bench needs GNU time at ${TIME}: apt-get install time\n`);
    process.exit(2);
  }
  const app = JSON.parse(fs.readFileSync(path.join(ROOT, 'cdktf.json'), 'utf8')).app as string;
  // The lloom scale runs go through the same launcher as the app command, with another entry.
  const runner = 'node scripts/app.js';
  // Build the bundles once, so that no measured run pays for a rebuild.
  const synthed = fs.mkdtempSync(path.join(os.tmpdir(), 'obs-bench-out-'));
  spawnSync('sh', ['-c', app], { cwd: ROOT, env: { ...process.env, CDKTF_OUTDIR: synthed, CHECKPOINT_DISABLE: '1' }, stdio: 'ignore' });
  const review = `${runner} scripts/diff.ts --base ${synthed} --head ${synthed}`;
  for (const command of [app, `${runner} scripts/synth-lloom.ts 10`, review]) {
    const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'obs-bench-'));
    spawnSync('sh', ['-c', command], { cwd: ROOT, env: { ...process.env, CDKTF_OUTDIR: outdir }, stdio: 'ignore' });
    fs.rmSync(outdir, { recursive: true, force: true });
  }
  const loadAtStart = os.loadavg()[0];
  const floor = measure('floor: import cdktf + provider-docker', `node -e "require('cdktf'); require('@cdktf/provider-docker')"`);
  const all = measure(`app command: ${app}`, app);
  const scale = NODE_COUNTS.map((n) => ({ n, f: measure(`lloom with ${n} nodes`, `${runner} scripts/synth-lloom.ts ${n}`) }));
  const folders = measure('diff of two synth folders', review);
  // What one side of a two-ref diff costs: a worktree of the ref, its bundle built from scratch, its synth.
  const refSynth = measure(
    'synth of a git ref (fresh worktree and bundle)',
    'T=$(mktemp -d) && git worktree add --detach --quiet "$T/tree" HEAD && ln -s "$PWD/node_modules" "$T/tree/node_modules"'
      + ' && (cd "$T/tree" && CDKTF_OUTDIR="$T/out" node scripts/app.js); s=$?; git worktree remove --force "$T/tree"; rm -rf "$T"; exit $s',
  );
  // Both refs are synthesized at once, each in a fresh worktree whose bundle is built from scratch.
  const refs = measure('diff of two git refs (HEAD, HEAD)', `${runner} scripts/diff.ts --base HEAD --head HEAD`);
  fs.rmSync(synthed, { recursive: true, force: true });

  const base = scale[0].f;
  const rows = [
    `| what | wall time (median of ${RUNS}) | ratio to floor | ms per node over 10 nodes | peak RSS |`,
    '|---|---|---|---|---|',
    ...[floor, all].map((f) => `| ${f.name} | ${f.seconds.toFixed(2)} s | ${(f.seconds / floor.seconds).toFixed(2)}x | | ${f.rssMb.toFixed(0)} MB |`),
    ...scale.map(({ n, f }) => {
      const perNode = n === 10 ? '' : (((f.seconds - base.seconds) * 1000) / (n - 10)).toFixed(3);
      return `| ${f.name} | ${f.seconds.toFixed(2)} s | ${(f.seconds / floor.seconds).toFixed(2)}x | ${perNode} | ${f.rssMb.toFixed(0)} MB |`;
    }),
    ...[folders, refs].map((f) => `| ${f.name} | ${f.seconds.toFixed(2)} s | ${(f.seconds / floor.seconds).toFixed(2)}x | | ${f.rssMb.toFixed(0)} MB |`),
    '',
    // CPU time holds up on a shared machine, where wall time waits for the other processes.
    '| the review | wall time | CPU time (user + system) |',
    '|---|---|---|',
    ...[all, refSynth, folders, refs].map((f) => `| ${f.name} | ${f.seconds.toFixed(2)} s | ${f.cpuSeconds.toFixed(2)} s |`),
  ];
  const at = (n: number) => scale.find((s) => s.n === n)!.f;
  const targets = [
    ['every environment in at most 2x the floor', all.seconds <= 2 * floor.seconds, `${(all.seconds / floor.seconds).toFixed(2)}x`],
    ['lloom 1000 nodes at most 0.5 s over 10 nodes', at(1000).seconds - at(10).seconds <= 0.5, `+${(at(1000).seconds - at(10).seconds).toFixed(2)} s`],
    [
      'diff of two git refs in about two synths of a ref plus a fraction of a second (CPU: at most 2 × a ref\'s synth + 0.5 s)',
      refs.cpuSeconds <= 2 * refSynth.cpuSeconds + 0.5,
      `${refs.cpuSeconds.toFixed(2)} s vs 2 × ${refSynth.cpuSeconds.toFixed(2)} s + 0.5 s CPU (wall ${refs.seconds.toFixed(2)} s)`,
    ],
    ['lloom 5000 nodes in at most 300 MB peak', at(5000).rssMb <= 300, `${at(5000).rssMb.toFixed(0)} MB`],
    [
      'growth linear in nodes (ms/node from 1000 to 5000 at most 1.5x that from 10 to 1000)',
      (at(5000).seconds - at(1000).seconds) / 4000 <= 1.5 * Math.max((at(1000).seconds - at(10).seconds) / 990, 0.0001),
      `${(((at(5000).seconds - at(1000).seconds) * 1000) / 4000).toFixed(3)} vs ${(((at(1000).seconds - at(10).seconds) * 1000) / 990).toFixed(3)} ms/node`,
    ],
  ] as const;
  const cpu = os.cpus();
  const doc = [
    '# Benchmarks',
    '',
    `Written by \`npm run bench\` on ${new Date().toISOString().slice(0, 10)}: ${cpu.length} cores (${cpu[0]?.model.trim()}), ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, node ${process.version}.`,
    `Each figure is the median of ${RUNS} whole-process runs; peak RSS is the largest process of the run (GNU time).`,
    // Wall time waits for whatever else the machine runs; CPU time does not.
    `Load average (1 min) when the runs started: ${loadAtStart.toFixed(1)}; when they ended: ${os.loadavg()[0].toFixed(1)}.`,
    '',
    ...rows,
    '',
    '| target | met | measured |',
    '|---|---|---|',
    ...targets.map(([what, ok, measured]) => `| ${what} | ${ok ? 'yes' : 'NO'} | ${measured} |`),
    '',
  ].join('\n');
  fs.writeFileSync(path.join(ROOT, 'BENCHMARKS.md'), doc);
  process.stdout.write(`\n${doc}`);
}

main();
