/**
 * Regular expressions as Prometheus and Alertmanager compile them: Go's RE2 syntax (re2js, a port of
 * RE2/J with Go's error messages), anchored to the whole value. JavaScript's RegExp is not RE2: it
 * has look-around and back-references, and lacks `(?i)` flags, `(?P<name>...)` and `\Q...\E`.
 */
import { RE2JS } from 're2js';

/** Compiled anchored patterns (or the reason they do not compile), once per pattern. */
const COMPILED = new Map<string, RE2JS | string>();

function compiled(pattern: string): RE2JS | string {
  let known = COMPILED.get(pattern);
  if (known === undefined) {
    try {
      // Compiled alone first, so that a message quotes the pattern as written.
      RE2JS.compile(pattern);
      known = RE2JS.compile(`^(?:${pattern})$`);
    } catch (e) {
      known = (e as Error).message.replace(/^error parsing regexp: /, '');
    }
    COMPILED.set(pattern, known);
  }
  return known;
}

/** Why RE2 refuses a pattern, in Go's words ("missing closing ): `(`"), or undefined when it compiles. */
export function re2Problem(pattern: string): string | undefined {
  const c = compiled(pattern);
  return typeof c === 'string' ? c : undefined;
}

/** Whether a pattern matches the whole value; false for a pattern that does not compile. */
export function re2FullMatch(pattern: string, value: string): boolean {
  const c = compiled(pattern);
  return typeof c !== 'string' && c.matches(value);
}

/** Whether RE2 compiles a pattern. */
export function re2Compiles(pattern: string): boolean {
  return typeof compiled(pattern) !== 'string';
}
