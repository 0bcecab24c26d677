import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import * as zlib from 'zlib';
import { FileLifecycle, lifecycleCommands, renderCrontab } from '../../lib/file-lifecycle';
import { shellQuote } from '../../lib/shell';
import { removeTempDirs, tempDir } from '../support/files';

/**
 * The audit-log lifecycle (seed 001): the crontab line is rendered from the typed lifecycle, and
 * the line's command part, run by /bin/sh with the host's find and gzip over files of known
 * ages, compresses and deletes exactly the files the seed says.
 */

afterAll(() => removeTempDirs());

const SEED: FileLifecycle = { directory: '/var/log/llama-orch/audit', pattern: '*.ndjson', compressAfterDays: 30, deleteAfterDays: 90 };
const DAY = 24 * 3600 * 1000;

test('the seed\'s cleanup renders as one daily 03:00 crontab line, compress then delete', () => {
  expect(renderCrontab([{ at: { hour: 3, minute: 0 }, commands: lifecycleCommands(SEED) }])).toBe(
    "0 3 * * * find /var/log/llama-orch/audit -type f -name '*.ndjson' -mtime +30 -exec gzip '{}' ';'; " +
      "find /var/log/llama-orch/audit -type f -name '*.ndjson.gz' -mtime +90 -delete\n",
  );
});

test('arguments with shell syntax are quoted, and quotes inside them survive', () => {
  expect(shellQuote('/var/log/a b')).toBe("'/var/log/a b'");
  expect(shellQuote("it's")).toBe("'it'\\''s'");
  expect(shellQuote('+30')).toBe('+30');
});

test('a time that is not a time of day is refused', () => {
  expect(() => renderCrontab([{ at: { hour: 24, minute: 0 }, commands: [['true']] }])).toThrow('a daily time needs hour 0-23 and minute 0-59, got 24:0');
});

test('run by the shell, the line gzips files older than 30 days and deletes archives older than 90, and nothing else', () => {
  // GIVEN an audit folder (with a space and a quote in its name) holding files of known ages
  const dir = path.join(tempDir('lifecycle-'), "audit 'logs'");
  fs.mkdirSync(dir);
  const files: Record<string, number> = {
    'today.ndjson': 0,
    'week.ndjson': 7,
    'month.ndjson': 31,
    'old.ndjson.gz': 89,
    'expired.ndjson.gz': 91,
    'forgotten.ndjson': 95,
    'other.log': 200,
  };
  const now = Date.now();
  for (const [name, days] of Object.entries(files)) {
    const file = path.join(dir, name);
    fs.writeFileSync(file, name.endsWith('.gz') ? zlib.gzipSync(`{"file":"${name}"}\n`) : `{"file":"${name}"}\n`);
    const t = new Date(now - days * DAY - 3600 * 1000);
    fs.utimesSync(file, t, t);
  }

  // WHEN the crontab line's command runs as cron would run it
  const line = renderCrontab([{ at: { hour: 3, minute: 0 }, commands: lifecycleCommands({ ...SEED, directory: dir }) }]);
  const command = line.trimEnd().split(' ').slice(5).join(' ');
  execFileSync('/bin/sh', ['-c', command]);

  // THEN files past 30 days are gzipped (their content intact), archives past 90 days are gone,
  // a file past 90 days is compressed and then deleted, and other files are left alone
  expect(fs.readdirSync(dir).sort()).toEqual(['month.ndjson.gz', 'old.ndjson.gz', 'other.log', 'today.ndjson', 'week.ndjson']);
  expect(zlib.gunzipSync(fs.readFileSync(path.join(dir, 'month.ndjson.gz'))).toString()).toBe('{"file":"month.ndjson"}\n');
});
