import type { Construct } from 'constructs';

/**
 * The one kind of error a user of this project sees for bad input: it names where the bad
 * value is, what was given and what is expected. main.ts prints `message` alone, no stack.
 */
export class ConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConfigError';
  }
}

/** A given value that an error message must not repeat (a credential written where none belongs). */
export class Hidden {}

/** Renders a given value for an error message: short, JSON-quoted, never a secret. */
export function describeValue(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value instanceof Hidden) return 'a value (not shown)';
  const text = JSON.stringify(value);
  if (text === undefined) return String(value);
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}

/**
 * The error for one bad field: "<where>: <field>: expected <expected>, got <given>". `scope` is
 * the construct the field belongs to (its path names it) or a ready-made location.
 */
export function fieldError(scope: Construct | string, field: string, given: unknown, expected: string): ConfigError {
  const where = typeof scope === 'string' ? scope : scope.node.path;
  return new ConfigError(`${where}: ${field}: expected ${expected}, got ${describeValue(given)}`);
}

/**
 * A broken promise inside this program that no input can reach (a file uploaded twice by the
 * constructs themselves, ...): a bug to report, not a mistake to fix in a spec. It keeps its stack.
 */
export class InternalError extends Error {
  constructor(message: string) {
    super(`internal error: ${message}`);
    this.name = 'InternalError';
  }
}
