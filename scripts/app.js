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

if (!fresh()) {
  const result = require('esbuild').buildSync({
    entryPoints: [entry],
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    outfile: bundle,
    metafile: true,
    logLevel: 'warning',
    absWorkingDir: root,
  });
  fs.writeFileSync(meta, JSON.stringify(result.metafile));
}

// Run the bundle as the main module, so `require.main === module` holds in it as in the entry.
process.argv[1] = bundle;
Module.runMain();
