import { spawn, spawnSync } from 'child_process';
import * as fs from 'fs';
import * as http from 'http';
import { AddressInfo } from 'net';
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

  describe('when the checkers cannot be fetched, the script says so and fails', () => {
    const script = path.resolve(__dirname, '../../scripts/fetch-checkers.sh');
    /** Runs the script with an empty tools folder and the given apt configuration folder. */
    function fetchWith(aptEtc: string): Promise<{ code: number | null; output: string }> {
      const tools = fs.mkdtempSync(path.join(os.tmpdir(), 'checkers-'));
      return new Promise((resolve) => {
        const child = spawn('bash', [script], { env: { ...process.env, CHECKERS_DIR: tools, APT_ETC_DIR: aptEtc }, timeout: 30_000 });
        let output = '';
        child.stdout.on('data', (d) => (output += d));
        child.stderr.on('data', (d) => (output += d));
        // 'close', not 'exit': the output streams are read to their end first.
        child.on('close', (code) => {
          fs.rmSync(tools, { recursive: true, force: true });
          resolve({ code, output });
        });
      });
    }

    test('no Debian archive in the apt sources', async () => {
      const etc = fs.mkdtempSync(path.join(os.tmpdir(), 'apt-etc-'));
      try {
        const { code, output } = await fetchWith(etc);
        expect(code).toBe(1);
        expect(output.trim()).toBe(`fetch-checkers: no Debian archive (a URI ending in /debian) in ${etc}/sources.list or ${etc}/sources.list.d; cannot fetch promtool 3.5.x and amtool 0.33.x`);
      } finally {
        fs.rmSync(etc, { recursive: true, force: true });
      }
    });

    test('an archive that does not answer with Debian testing', async () => {
      // GIVEN apt sources naming an archive on 127.0.0.1 that answers 404 to everything
      const server = http.createServer((_req, res) => res.writeHead(404).end());
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      const uri = `http://127.0.0.1:${(server.address() as AddressInfo).port}/debian`;
      const etc = fs.mkdtempSync(path.join(os.tmpdir(), 'apt-etc-'));
      fs.writeFileSync(path.join(etc, 'sources.list'), `deb ${uri} bookworm main\n`);
      try {
        // WHEN the script runs THEN it stops, naming the suite and the archive, and unpacks nothing
        const { code, output } = await fetchWith(etc);
        expect(code).toBe(1);
        expect(output).toContain(`fetch-checkers: apt-get update of Debian testing from ${uri} failed; cannot fetch promtool 3.5.x and amtool 0.33.x`);
      } finally {
        server.close();
        fs.rmSync(etc, { recursive: true, force: true });
      }
    });
  });
});
