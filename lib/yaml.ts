import { stringify } from 'yaml';

/**
 * Renders a config object as YAML. Keys keep the order the renderer built them in, lines are
 * never folded (so expressions stay greppable), and undefined values are dropped, so the
 * output depends only on the data.
 */
export function toYaml(value: unknown): string {
  return stringify(value, { lineWidth: 0, minContentWidth: 0, aliasDuplicateObjects: false });
}

/** Drops keys whose value is undefined, so optional settings never render as `null`. */
export function compact<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}
