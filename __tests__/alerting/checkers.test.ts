import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { Checker, CHECKER_VERSIONS, CHECKERS_BIN, checker, reportedVersion } from '../support/checkers';

const checkers = Object.entries(CHECKER_VERSIONS) as Array<[Checker, string]>;

describe('the checkers of the deployed generation', () => {
  test.each(checkers)('%s is the one in the tools folder and reports %sx', (name, line) => {
    // GIVEN the tools folder scripts/fetch-checkers.sh fills
    // WHEN a test asks for the checker THEN it gets that folder's binary at the expected version
    expect(checker(name)).toBe(path.join(CHECKERS_BIN, name));
    expect(reportedVersion(checker(name))).toMatch(new RegExp(`^${line.replace(/\./g, '\\.')}\\d`));
  });

  test.each(checkers)('%s found by name on the tests\' PATH is the tools folder\'s', (name, line) => {
    // GIVEN PATH as the jest setup leaves it WHEN a process starts the checker by name
    // THEN it is the newer one, not Debian 12's in /usr/bin
    expect(reportedVersion(name)?.startsWith(line)).toBe(true);
  });

  test('the fetch script does nothing when the tools are there', () => {
    // GIVEN the tools present WHEN the script runs again THEN it exits 0 without fetching (it prints only when it fetches)
    const r = spawnSync('bash', [path.resolve(__dirname, '../../scripts/fetch-checkers.sh')], { encoding: 'utf8', timeout: 20_000 });
    expect({ code: r.status, output: `${r.stdout}${r.stderr}` }).toEqual({ code: 0, output: '' });
  });

  test('a checker missing from the tools folder fails with how to fetch it, never falls back to an older one', () => {
    // GIVEN a tools folder without amtool (a temp folder as CHECKERS_DIR)
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'no-checkers-'));
    try {
      const r = spawnSync(process.execPath, ['-r', 'tsx/cjs', '-e', "require('./__tests__/support/checkers').checker('amtool')"], {
        cwd: path.resolve(__dirname, '../..'),
        env: { ...process.env, CHECKERS_DIR: dir },
        encoding: 'utf8',
        timeout: 20_000,
      });
      // THEN the lookup throws, naming the version, the path and the script
      expect(r.status).not.toBe(0);
      expect(r.stderr).toContain(`amtool 0.33.x is needed at ${path.join(dir, 'bin', 'amtool')}, found nothing: run scripts/fetch-checkers.sh (bash .ci/run does)`);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
