import { DURATION_EXPECTED, durationMilliseconds, durationSeconds, isDuration } from '../../lib/duration';
import { ConfigError } from '../../lib/errors';

// These were parseDuration's tests (lib/promql.ts had its own copy of the duration parser). Two
// assertions changed with the one function: the message of a refusal is durationSeconds's, and "0"
// is refused as a duration; the PromQL parser reads "0" as a number (see promql.test.ts).
describe('durationSeconds', () => {
  it.each([
    ['5m', 300],
    ['1h30m', 5400],
    ['2h', 7200],
    ['1d', 86400],
    ['1w2d', 9 * 86400],
    ['1y', 365 * 86400],
    ['250ms', 0.25],
    ['1m5s100ms', 65.1],
  ])('%s = %s seconds', (s, seconds) => {
    // GIVEN a Prometheus duration WHEN parsed THEN it is converted to seconds
    expect(isDuration(s)).toBe(true);
    expect(durationSeconds(s)).toBeCloseTo(seconds, 6);
  });

  it.each(['', '5', '1m1h', '5x', '-5m', '1.5h', '5 m', 'm', '0'])('rejects %p', (s) => {
    // GIVEN an invalid duration WHEN parsed THEN it throws, saying what a duration is
    expect(isDuration(s)).toBe(false);
    expect(() => durationSeconds(s)).toThrow(new ConfigError(`expected ${DURATION_EXPECTED}, got "${s}"`));
  });
});

describe('durationMilliseconds', () => {
  test('sums whole milliseconds, so equal durations written differently are equal', () => {
    expect(durationMilliseconds('1001ms')).toBe(durationMilliseconds('1s1ms'));
    expect(durationSeconds('1001ms')).toBe(durationSeconds('1s1ms'));
    expect(durationMilliseconds('1h30m')).toBe(5_400_000);
    expect(durationMilliseconds('300ms') % durationMilliseconds('100ms')).toBe(0);
  });
});
