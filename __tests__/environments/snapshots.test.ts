import * as path from 'path';
import { ENVIRONMENTS } from '../../environments';
import { readableYaml } from '../../lib/review/normalize';
import { expectMatchesFile } from '../support/snapshot-file';
import { cleanupOutdirs, synthEnvironment } from '../support/synth';

afterAll(cleanupOutdirs);

const folder = path.join(__dirname, 'snapshots');

// A safety net for unintended change, one readable file per environment (snapshots/<env>.yaml):
// uploaded files and config_json parsed, keys sorted. Read a snapshot's diff before updating it (jest -u).
describe('synthesized stacks', () => {
  test.each(ENVIRONMENTS.map((e) => [e.name, e] as const))('%s matches its snapshot', (name, spec) => {
    const text = readableYaml(synthEnvironment(spec).json);
    expect(text.split('\n').filter((line) => line.length > 200)).toEqual([]);
    expectMatchesFile(text, path.join(folder, `${name}.yaml`));
  });
});
