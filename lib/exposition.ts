/**
 * The Prometheus text exposition format, read into metric families: what a real process's /metrics
 * serves, to generate a catalog from or verify one against (lib/catalogs, scripts/catalog-from-metrics.ts).
 */
import type { MetricDef, MetricType } from './catalogs';

const TYPES = new Set<MetricType>(['counter', 'gauge', 'histogram', 'summary', 'untyped']);

/** Every family of an exposition, with its type, help and the labels its samples carry (le and quantile left out). */
export function parseExposition(text: string): MetricDef[] {
  const families = new Map<string, { type: MetricType; help?: string; labels: Set<string> }>();
  const family = (name: string) => {
    let f = families.get(name);
    if (!f) {
      f = { type: 'untyped', labels: new Set() };
      families.set(name, f);
    }
    return f;
  };
  for (const line of text.split('\n')) {
    const meta = /^# (TYPE|HELP) (\S+) ?(.*)$/.exec(line);
    if (meta) {
      const f = family(meta[2]);
      if (meta[1] === 'TYPE' && TYPES.has(meta[3] as MetricType)) f.type = meta[3] as MetricType;
      if (meta[1] === 'HELP') f.help = meta[3].replace(/\\n/g, '\n').replace(/\\\\/g, '\\');
      continue;
    }
    const sample = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(\{(.*)\})?\s/.exec(line);
    if (!sample) continue;
    let name = sample[1];
    const base = name.replace(/_(bucket|sum|count)$/, '');
    if (base !== name && families.has(base) && ['histogram', 'summary'].includes(families.get(base)!.type)) name = base;
    const f = family(name);
    for (const [, label] of (sample[3] ?? '').matchAll(/([a-zA-Z_][a-zA-Z0-9_]*)="(?:[^"\\]|\\.)*"/g)) {
      if ((label === 'le' && f.type === 'histogram') || (label === 'quantile' && f.type === 'summary')) continue;
      f.labels.add(label);
    }
  }
  return [...families].map(([name, f]) => ({ name, type: f.type, labels: [...f.labels].sort(), ...(f.help !== undefined ? { help: f.help } : {}) }));
}
