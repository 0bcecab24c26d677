/**
 * LogQL checked with Grafana's own LogQL grammar (@grafana/lezer-logql, which Grafana's Loki query
 * editor parses with; 0.2.1, of the 0.2 line Grafana still uses; the exact version Grafana 10.2
 * shipped was not checked), since no Loki runs here. `parseLogQL` refuses a
 * syntax error with its position and describes the query: its stream selectors, ranges, range
 * functions, groupings, line filters and the Grafana variables it uses.
 */

/** The few parts of a lezer syntax node read here. */
interface SyntaxNode {
  readonly name: string;
  readonly from: number;
  readonly to: number;
  readonly type: { readonly isError: boolean };
  readonly firstChild: SyntaxNode | null;
  readonly nextSibling: SyntaxNode | null;
}

// The package is ESM with a CommonJS build and declares no types for require: load the build.
const { parser } = require('@grafana/lezer-logql') as { parser: { parse(input: string): { topNode: SyntaxNode } } };

export class LogQLSyntaxError extends Error {}

export interface LogQLMatcher {
  readonly label: string;
  readonly op: '=' | '!=' | '=~' | '!~';
  /** Unquoted; Grafana variables such as "$job" kept as written. */
  readonly value: string;
}

export interface LogQLAnalysis {
  readonly expr: string;
  /** Every stream selector `{...}`, as its matchers. */
  readonly selectors: ReadonlyArray<readonly LogQLMatcher[]>;
  /** Every range as written, without brackets: "$__interval". */
  readonly ranges: readonly string[];
  /** Range aggregations (count_over_time, rate, ...): a metric query has at least one. */
  readonly rangeFunctions: readonly string[];
  /** The labels of every `by (...)` grouping. */
  readonly groupings: ReadonlyArray<readonly string[]>;
  /** Line filters: `|~ "..."` is { op: '|~', value: '...' }. */
  readonly lineFilters: ReadonlyArray<{ readonly op: string; readonly value: string }>;
  /** Template variables used, without "$": "job", "__interval". */
  readonly templateVariables: readonly string[];
}

/** Grafana's interval variables, which Grafana replaces before Loki parses the query. */
const GRAFANA_RANGE = /\$(?:\{(__[A-Za-z_]+)\}|(__[A-Za-z_]+))/g;

function children(node: SyntaxNode): SyntaxNode[] {
  const out: SyntaxNode[] = [];
  for (let c = node.firstChild; c; c = c.nextSibling) out.push(c);
  return out;
}

function descendants(node: SyntaxNode, name: string): SyntaxNode[] {
  return children(node).flatMap((c) => (c.name === name ? [c] : descendants(c, name)));
}

/** A LogQL string literal's value: "..." with Go escapes, or `...` raw. */
function unquote(literal: string): string {
  if (literal.startsWith('`')) return literal.slice(1, -1);
  return JSON.parse(literal) as string;
}

function lineColumn(text: string, position: number): string {
  const before = text.slice(0, position).split('\n');
  return `line ${before.length}, column ${before[before.length - 1].length + 1}`;
}

export function parseLogQL(expr: string): LogQLAnalysis {
  if (expr.trim() === '') throw new LogQLSyntaxError('empty query');
  // The interval variables become a duration of the same length, so positions stay the same.
  const parsed = expr.replace(GRAFANA_RANGE, (whole) => '1m'.padEnd(whole.length, ' '));
  const top = parser.parse(parsed).topNode;
  const text = (n: SyntaxNode) => expr.slice(n.from, n.to);
  const walk = (n: SyntaxNode): SyntaxNode[] => [n, ...children(n).flatMap(walk)];
  const nodes = walk(top);
  const error = nodes.find((n) => n.type.isError);
  if (error) {
    throw new LogQLSyntaxError(`syntax error at ${lineColumn(expr, error.from)} near ${JSON.stringify(expr.slice(Math.max(0, error.from - 10), error.from + 10))} in ${expr}`);
  }
  const selectors = nodes
    .filter((n) => n.name === 'Selector')
    .map((s) =>
      descendants(s, 'Matcher').map((m) => {
        const [label, op, value] = children(m);
        return { label: text(label), op: text(op) as LogQLMatcher['op'], value: unquote(text(value)) };
      }),
    );
  const ranges = nodes.filter((n) => n.name === 'Range').map((r) => text(r).slice(1, -1).trim());
  const rangeFunctions = nodes.filter((n) => n.name === 'RangeOp').map(text);
  const groupings = nodes.filter((n) => n.name === 'Grouping').map((g) => descendants(g, 'Identifier').map(text));
  const lineFilters = nodes
    .filter((n) => n.name === 'LineFilter')
    .map((f) => {
      const [op, value] = children(f);
      return { op: text(op), value: unquote(text(value)) };
    });
  const templateVariables = [...new Set([...expr.matchAll(/\$(?:\{(\w+)(?::\w+)?\}|(\w+))/g)].map((m) => m[1] ?? m[2]))];
  return { expr, selectors, ranges, rangeFunctions, groupings, lineFilters, templateVariables };
}
