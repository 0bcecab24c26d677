import { z } from 'zod';
import { isWholeMultiple } from '../lib/duration';
export const WHOLE_HOURS_EXPECTED = 'a whole number of hours such as "72h" or "7d" (Badger\'s span TTL)';

/** "72h", "7d": at least an hour, in whole hours. */
export function isWholeHours(value: string): boolean {
  return isWholeMultiple(value, 3600);
}

export const SAMPLING_RATE_EXPECTED = 'a probability from 0 to 1, such as 0.1 for 10% of requests';

export const tracesSpec = z.strictObject({
  /** How long spans are kept. @default 72h */
  retention: z.string().refine(isWholeHours, { error: `expected ${WHOLE_HOURS_EXPECTED}` }).optional(),
  /**
   * The share of requests traced, served to clients that sample remotely; clients that sample
   * on their own must be set to the same (documented in the README). @default 1
   */
  samplingRate: z
    .number({ error: `expected ${SAMPLING_RATE_EXPECTED}` })
    .min(0, { error: `expected ${SAMPLING_RATE_EXPECTED}` })
    .max(1, { error: `expected ${SAMPLING_RATE_EXPECTED}` })
    .optional(),
});
