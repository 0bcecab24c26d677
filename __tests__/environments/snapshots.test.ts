import { ENVIRONMENTS } from '../../environments';
import { cleanupOutdirs, synthEnvironment } from '../support/synth';

afterAll(cleanupOutdirs);

// A safety net for unintended change: read a snapshot's diff before updating it (jest -u).
describe('synthesized stacks', () => {
  test.each(ENVIRONMENTS.map((e) => [e.name, e] as const))('%s matches its snapshot', (_name, spec) => {
    expect(synthEnvironment(spec).json).toMatchSnapshot();
  });
});
