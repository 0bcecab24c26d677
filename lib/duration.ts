/**
 * Prometheus durations ("30s", "5m", "1h30m", "15d"): the syntax Prometheus, Alertmanager
 * and Loki accept, units in descending order, each at most once.
 */
const UNIT_SECONDS: ReadonlyArray<[string, number]> = [
  ['y', 365 * 24 * 3600],
  ['w', 7 * 24 * 3600],
  ['d', 24 * 3600],
  ['h', 3600],
  ['m', 60],
  ['s', 1],
  ['ms', 0.001],
];

export const DURATION_PATTERN = /^(?:(\d+)y)?(?:(\d+)w)?(?:(\d+)d)?(?:(\d+)h)?(?:(\d+)m)?(?:(\d+)s)?(?:(\d+)ms)?$/;

/** What a user is told when a duration does not parse. */
export const DURATION_EXPECTED = 'a duration such as "30s", "5m", "1h30m" or "15d"';

export function isDuration(value: string): boolean {
  return value !== '' && DURATION_PATTERN.test(value);
}

/** Seconds in a Prometheus duration; throws on anything else. */
export function durationSeconds(value: string): number {
  const m = DURATION_PATTERN.exec(value);
  if (value === '' || !m) {
    throw new Error(`"${value}" is not ${DURATION_EXPECTED}`);
  }
  return UNIT_SECONDS.reduce((sum, [, seconds], i) => sum + Number(m[i + 1] ?? 0) * seconds, 0);
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
