import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';

/**
 * The checkers of the deployed generation: promtool/prometheus 3.5.x and amtool/alertmanager
 * 0.33.x from Debian's testing suite, unpacked by scripts/fetch-checkers.sh into .tools/bin (or
 * $CHECKERS_DIR/bin). Tests run them by absolute path, so a missing one fails with a message that
 * says how to fetch it, never by falling back to Debian 12's older tools on PATH.
 */

export const CHECKERS_BIN = path.join(process.env.CHECKERS_DIR ?? path.resolve(__dirname, '../../.tools'), 'bin');

/** Each checker and the version line it must report (`<name>, version 3.5.3+ds1 ...`). */
export const CHECKER_VERSIONS = {
  promtool: '3.5.',
  prometheus: '3.5.',
  amtool: '0.33.',
  'prometheus-alertmanager': '0.33.',
} as const;

export type Checker = keyof typeof CHECKER_VERSIONS;

/** The version a binary reports on its first line, e.g. "3.5.3+ds1". */
export function reportedVersion(binary: string): string | undefined {
  const r = spawnSync(binary, ['--version'], { encoding: 'utf8', timeout: 10_000 });
  return /^[^,\n]*, version (\S+)/.exec(`${r.stdout ?? ''}${r.stderr ?? ''}`)?.[1];
}

const verified = new Map<Checker, string>();

/** The absolute path of a checker, verified once to report its expected version line. */
export function checker(name: Checker): string {
  const cached = verified.get(name);
  if (cached) return cached;
  const binary = path.join(CHECKERS_BIN, name);
  const want = CHECKER_VERSIONS[name];
  const version = fs.existsSync(binary) ? reportedVersion(binary) : undefined;
  if (!version?.startsWith(want)) {
    throw new Error(
      `${name} ${want}x is needed at ${binary}, found ${version ? `version ${version}` : 'nothing'}: run scripts/fetch-checkers.sh (bash .ci/run does)`,
    );
  }
  verified.set(name, binary);
  return binary;
}
