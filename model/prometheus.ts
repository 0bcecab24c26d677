import { z } from 'zod';
import { duration, labels } from '../lib/schema';
export const prometheusSpec = z.strictObject({
  scrapeInterval: duration.optional(),
  evaluationInterval: duration.optional(),
  externalLabels: labels.optional(),
  retentionTime: duration,
  retentionSize: z.string().regex(/^\d+(B|KB|MB|GB|TB|PB|EB)$/, { error: 'expected a size such as "100GB"' }).optional(),
});
