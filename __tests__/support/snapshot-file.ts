import * as fs from 'fs';
import * as path from 'path';
import { createTwoFilesPatch } from 'diff';

/**
 * A snapshot kept as a plain file of its own (here: one readable YAML file per environment), so
 * that its diff in a pull request reads like the change. It follows jest's snapshot flags: a
 * missing file is written, except under --ci; a different one fails with its diff, and is
 * rewritten only under -u (--updateSnapshot). Read the diff before running jest -u.
 */
export function expectMatchesFile(actual: string, file: string): void {
  const mode = (expect.getState() as { snapshotState?: { _updateSnapshot?: 'all' | 'new' | 'none' } }).snapshotState?._updateSnapshot ?? 'new';
  const shown = path.relative(process.cwd(), file);
  if (!fs.existsSync(file)) {
    if (mode === 'none') throw new Error(`${shown} does not exist: run jest without --ci to write it`);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, actual);
    return;
  }
  const expected = fs.readFileSync(file, 'utf8');
  if (expected === actual) return;
  if (mode === 'all') {
    fs.writeFileSync(file, actual);
    return;
  }
  throw new Error(`${shown} differs from the synthesized stack (read the diff, then run jest -u to accept it):\n${createTwoFilesPatch(shown, 'synthesized', expected, actual, undefined, undefined, { context: 3 })}`);
}
