import { cleanupOutdirs } from '../support/synth';
import { buildOpenhands } from '../support/kubernetes';

afterAll(cleanupOutdirs);

// A safety net for unintended change: read a snapshot's diff before updating it (jest -u).
describe('openhands: synthesized stacks', () => {
  const { platform, monitoring } = buildOpenhands();
  test('openhands-platform matches its snapshot', () => {
    expect(platform).toMatchSnapshot();
  });
  test('openhands matches its snapshot', () => {
    expect(monitoring).toMatchSnapshot();
  });
});
