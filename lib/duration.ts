import { ConfigError, describeValue } from './errors';
/**
 * Prometheus durations ("30s", "5m", "1h30m", "15d"): the syntax Prometheus, Alertmanager
 * and Loki accept, units in descending order, each at most once.
 */
const UNIT_MILLISECONDS: ReadonlyArray<[string, number]> = [
  ['y', 365 * 24 * 3600_000],
  ['w', 7 * 24 * 3600_000],
  ['d', 24 * 3600_000],
  ['h', 3600_000],
  ['m', 60_000],
  ['s', 1000],
  ['ms', 1],
];

export const DURATION_PATTERN = /^(?:(\d+)y)?(?:(\d+)w)?(?:(\d+)d)?(?:(\d+)h)?(?:(\d+)m)?(?:(\d+)s)?(?:(\d+)ms)?$/;

/** What a user is told when a duration does not parse. */
export const DURATION_EXPECTED = 'a duration such as "30s", "5m", "1h30m" or "15d"';

export function isDuration(value: string): boolean {
  return value !== '' && DURATION_PATTERN.test(value);
}

/**
 * Whole milliseconds in a Prometheus duration; throws on anything else. Summed as integers, so
 * "1001ms" and "1s1ms" are equal, and multiples are exact ("300ms" is three "100ms").
 */
export function durationMilliseconds(value: string): number {
  const m = DURATION_PATTERN.exec(value);
  if (value === '' || !m) {
    throw new ConfigError(`expected ${DURATION_EXPECTED}, got ${describeValue(value)}`);
  }
  return UNIT_MILLISECONDS.reduce((sum, [, ms], i) => sum + Number(m[i + 1] ?? 0) * ms, 0);
}

/** Seconds in a Prometheus duration; throws on anything else. */
export function durationSeconds(value: string): number {
  return durationMilliseconds(value) / 1000;
}

/** A duration that is at least one unit long and a whole number of them ("7d" in days, "72h" in hours). */
export function isWholeMultiple(value: string, unitSeconds: number): boolean {
  if (!isDuration(value)) return false;
  const seconds = durationSeconds(value);
  return seconds >= unitSeconds && seconds % unitSeconds === 0;
}

/** A duration written in hours, as Loki's retention and Badger's TTL take it: "7d" is "168h". */
export function inHours(value: string): string {
  return `${durationSeconds(value) / 3600}h`;
}
