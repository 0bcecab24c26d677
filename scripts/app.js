#!/usr/bin/env node
/**
 * The cdktf.json app command: runs a TypeScript entry point (main.ts by default) the fastest way
 * that writes the same cdktf.out as `tsx main.ts`. The entry and every dependency are bundled by
 * esbuild into .gen/<entry>.js, once; the bundle is rebuilt only when one of the files it was
 * built from (listed in its esbuild metafile) is newer than it. Then it runs as the main module.
 *   node scripts/app.js                                 synthesize every environment
 *   node scripts/app.js scripts/synth-lloom.ts 1000     another entry, with its arguments
 */
'use strict';
const fs = require('fs');
const path = require('path');
const Module = require('module');

const root = path.resolve(__dirname, '..');
const entry = path.resolve(root, process.argv[2] && process.argv[2].endsWith('.ts') ? process.argv.splice(2, 1)[0] : 'main.ts');
const name = path.relative(root, entry).replace(/[\\/]/g, '__').replace(/\.ts$/, '');
const bundle = path.join(root, '.gen', `${name}.js`);
const meta = path.join(root, '.gen', `${name}.meta.json`);

function fresh() {
  if (!fs.existsSync(bundle) || !fs.existsSync(meta)) return false;
  const built = fs.statSync(bundle).mtimeMs;
  const inputs = Object.keys(JSON.parse(fs.readFileSync(meta, 'utf8')).inputs);
  return inputs.every((input) => {
    try {
      return fs.statSync(path.resolve(root, input)).mtimeMs <= built;
    } catch {
      return false; // an input that is gone: rebuild
    }
  });
}

/**
 * cdktf records, for every token it creates, the full stack trace of its creation; it reads
 * them only to word its errors about tokens that fail to resolve, never in the output. The
 * bundle skips that recording (a fifth of a synth's time). For those traces, run
 * `npx tsx main.ts`, which loads cdktf unchanged.
 */
const withoutTokenStackTraces = {
  name: 'without-token-stack-traces',
  setup(build) {
    build.onLoad({ filter: /[\\/]cdktf[\\/]lib[\\/]tokens[\\/]private[\\/]stack-trace\.js$/ }, () => ({
      contents: 'exports.captureStackTrace = function captureStackTrace() { return []; };',
      loader: 'js',
    }));
  },
};

/** Bundles the entry and its dependencies, and keeps the list of files it was built from. */
async function build() {
  const result = await require('esbuild').build({
    entryPoints: [entry],
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    outfile: bundle,
    metafile: true,
    logLevel: 'warning',
    absWorkingDir: root,
    plugins: [withoutTokenStackTraces],
  });
  fs.writeFileSync(meta, JSON.stringify(result.metafile));
}

(fresh() ? Promise.resolve() : build()).then(
  () => runAsMain(bundle),
  (error) => {
    process.stderr.write(`${error.message}\n`);
    process.exit(1);
  },
);


/**
 * Runs the bundle as the main module (so `require.main === module` holds in it as in the entry),
 * compiled with V8's code cache: the cache is written after the first run and used while the
 * bundle is unchanged, which saves compiling 3 MB of JavaScript on every synth.
 */
function runAsMain(file) {
  const vm = require('vm');
  const cacheFile = `${file}.v8cache`;
  const source = fs.readFileSync(file, 'utf8');
  let cachedData;
  try {
    if (fs.statSync(cacheFile).mtimeMs >= fs.statSync(file).mtimeMs) cachedData = fs.readFileSync(cacheFile);
  } catch {
    cachedData = undefined;
  }
  const script = new vm.Script(Module.wrap(source), { filename: file, cachedData });
  if (cachedData === undefined || script.cachedDataRejected) {
    // After the run, the cache also holds the functions the run compiled.
    process.once('exit', () => fs.writeFileSync(cacheFile, script.createCachedData()));
  }
  const main = new Module(file, null);
  main.filename = file;
  main.id = '.';
  main.paths = Module._nodeModulePaths(path.dirname(file));
  process.mainModule = main;
  process.argv[1] = file;
  script.runInThisContext().call(main.exports, main.exports, Module.createRequire(file), main, file, path.dirname(file));
}
