/**
 * PromQL analysis on top of Prometheus's own lezer grammar (@prometheus-io/lezer-promql).
 *
 * `parsePromQL` parses an expression (alert rule or Grafana panel query), rejects syntax errors with a
 * precise line/column, and returns a flat, easy-to-query description of it: every selector (metric,
 * matchers, range), every function call / aggregation with its arguments, every binary operation with
 * its vector matching, and whether the expression filters at the top level (an alert condition).
 */

import { durationSeconds, isDuration } from './duration';
import { re2Compiles, re2FullMatch, re2Problem } from './re2';

// The package is ESM ("type": "module") but also ships dist/index.cjs; a value `import` from this CommonJS
// project is refused by TypeScript (TS1479), so load the CJS build with require and take the types only.
// (`resolution-mode` lets this CommonJS file name the ESM package's types.)
type LezerPromQL = typeof import('@prometheus-io/lezer-promql', { with: { 'resolution-mode': 'import' } });
const lezer: LezerPromQL = require('@prometheus-io/lezer-promql');

type Tree = ReturnType<typeof lezer.parser.parse>;
type SyntaxNode = Tree['topNode'];

// ---------------------------------------------------------------------------------------------------------
// Public types
// ---------------------------------------------------------------------------------------------------------

export type MatchOp = '=' | '!=' | '=~' | '!~';

export interface LabelMatcher {
  label: string;
  op: MatchOp;
  /** Unquoted value (escapes resolved). Grafana variables such as "$job" are kept verbatim. */
  value: string;
}

/** A vector selector, or the vector selector inside a matrix selector (`foo{a="b"}[5m]`). */
export interface Selector {
  /** Metric name: the identifier, a quoted name (`{"my.metric"}`) or a `__name__="..."` matcher. */
  metric?: string;
  /** Every matcher as written, including any `__name__` matcher. */
  matchers: LabelMatcher[];
  /** Range of a matrix selector as written, e.g. "5m" or "$__rate_interval". */
  range?: string;
  /** Range in seconds; undefined when it is a Grafana variable or cannot be evaluated statically. */
  rangeSeconds?: number;
  /** True when the range is (or contains) a Grafana template variable such as $__rate_interval. */
  rangeIsTemplate?: boolean;
  /** The `offset` modifier as written (e.g. "1h", "-5m"), when the selector has one. */
  offsetModifier?: string;
  /** 0-based position of the selector in the expression. */
  position: number;
  /** End position (exclusive) of the selector, including its range brackets. */
  end: number;
  /** Source text of the selector, including its range brackets. */
  text: string;
}

export type ArgumentKind = 'number' | 'string' | 'vector_selector' | 'matrix_selector' | 'subquery' | 'expression';

export interface CallArgument {
  /**
   * What the argument is, looking through parentheses, `offset` and `@`: a plain vector selector, a matrix
   * selector (`x[5m]`), a subquery (`expr[1h:5m]`), a literal, or any other expression.
   */
  kind: ArgumentKind;
  text: string;
  from: number;
  to: number;
  /** Every selector anywhere inside the argument (the same objects as in `PromQLAnalysis.selectors`). */
  selectors: Selector[];
  /** Distinct metric names of those selectors, in order of appearance. */
  metrics: string[];
  /** Value of a number or string literal argument. */
  value?: number | string;
  /** Range of a matrix selector or subquery argument, as written / in seconds / whether templated. */
  range?: string;
  rangeSeconds?: number;
  rangeIsTemplate?: boolean;
}

export interface Grouping {
  mode: 'by' | 'without';
  labels: string[];
}

export interface PromQLCall {
  /** Function or aggregation operator name (aggregation operators lower-cased: `SUM` -> "sum"). */
  fn: string;
  kind: 'function' | 'aggregation';
  args: CallArgument[];
  /**
   * For functions taking a range vector (rate, increase, irate, delta, deriv, predict_linear, *_over_time,
   * ...): the range-vector argument. `rangeArgument.metrics` / `.range` answer "rate() of what, over which
   * window?".
   */
  rangeArgument?: CallArgument;
  /** For aggregations: `by (...)` / `without (...)`. */
  grouping?: Grouping;
  position: number;
  end: number;
  text: string;
}

export type BinaryOperator =
  | '^' | '*' | '/' | '%' | 'atan2' | '+' | '-'
  | '==' | '!=' | '>' | '<' | '>=' | '<=' | '</' | '>/'
  | 'and' | 'or' | 'unless';

export interface VectorMatching {
  mode: 'on' | 'ignoring';
  labels: string[];
  /** `group_left` / `group_right`, with the extra labels copied from the "one" side. */
  group?: 'left' | 'right';
  include: string[];
}

export interface BinaryOperation {
  op: BinaryOperator;
  isComparison: boolean;
  /** The `bool` modifier: comparison returns 0/1 instead of filtering. */
  bool: boolean;
  matching?: VectorMatching;
  /** Position of the operator token. */
  position: number;
  /** Span of the whole binary expression. */
  from: number;
  to: number;
}

/**
 * The expression as Prometheus evaluates it, for following labels through it: parentheses and the
 * offset / @ modifiers are looked through (they change no label), and a modifier that the grammar
 * library wraps around a whole binary expression is read as Prometheus binds it (to the right operand).
 */
export type ExprNode =
  | { kind: 'selector'; selector: Selector }
  | { kind: 'call'; call: PromQLCall; args: ExprNode[] }
  | { kind: 'binary'; op: BinaryOperation; lhs: ExprNode; rhs: ExprNode }
  | { kind: 'subquery'; inner: ExprNode }
  | { kind: 'number' }
  | { kind: 'string' };

export interface PromQLAnalysis {
  expr: string;
  /** The expression tree (see ExprNode). */
  tree: ExprNode;
  /** Every vector/matrix selector, in order of appearance. */
  selectors: Selector[];
  /** Every function call and aggregation, outermost first (pre-order, i.e. by position). */
  calls: PromQLCall[];
  /** Every binary operation, outermost first. */
  binaryOps: BinaryOperation[];
  /** Distinct metric names referenced by selectors. */
  metrics: string[];
  /** Distinct label names used in by/without/on/ignoring/group_left/group_right clauses. */
  groupingLabels: string[];
  /** See `isFilteringExpression` for the rule. */
  hasTopLevelComparison: boolean;
  /**
   * The call (function or aggregation) that is the whole expression, looking through parentheses
   * (`absent(x)`, `(sum(x))`), if any; the same object as in `calls`.
   */
  outermostCall?: PromQLCall;
  /** Range in seconds of every matrix selector whose range is a static duration, in order of appearance. */
  rangeSelectorsSeconds: number[];
  /** Grafana template variables referenced anywhere (names without `$`, e.g. ["job", "__rate_interval"]). */
  templateVariables: string[];
}

export class PromQLSyntaxError extends Error {
  /** 1-based line and column of `position` (columns count UTF-16 code units, like `position`). */
  readonly line: number;
  readonly column: number;

  constructor(
    readonly expr: string,
    /** 0-based offset of the error in `expr`. */
    readonly position: number,
    /** The error without the location prefix, e.g. `unexpected "}"`. */
    readonly detail: string,
  ) {
    const { line, column } = lineAndColumn(expr, position);
    super(`syntax error at line ${line}, column ${column}: ${detail}`);
    this.name = 'PromQLSyntaxError';
    this.line = line;
    this.column = column;
  }
}

// ---------------------------------------------------------------------------------------------------------
// Number literals
// ---------------------------------------------------------------------------------------------------------

/** PromQL number literal: decimal/float (with `_` digit separators), hex, Inf, NaN, or a duration (seconds). */
function parseNumberLiteral(text: string): number | undefined {
  let t = text.trim();
  let sign = 1;
  if (t.startsWith('-') || t.startsWith('+')) {
    if (t[0] === '-') sign = -1;
    t = t.slice(1).trim();
  }
  const lower = t.toLowerCase();
  if (lower === 'inf') return sign * Infinity;
  if (lower === 'nan') return NaN;
  if (/^0x[0-9a-f]+$/i.test(t)) return sign * parseInt(t.slice(2), 16);
  const plain = t.replace(/_/g, '');
  if (plain !== '' && !Number.isNaN(Number(plain))) return sign * Number(plain);
  if (isDuration(t)) return sign * durationSeconds(t);
  return undefined;
}

// ---------------------------------------------------------------------------------------------------------
// Grafana template variables
// ---------------------------------------------------------------------------------------------------------

/** `$name`, `${name}` or `${name:format}`. */
const TEMPLATE_VAR_RE = /\$(?:\{([A-Za-z0-9_]+)(?::[^}]*)?\}|([A-Za-z0-9_]+))/y;
/** Grafana macros that expand to a plain number, usable outside duration contexts. */
const NUMERIC_MACROS = new Set(['__interval_ms', '__range_s', '__range_ms']);

interface Substitution {
  from: number;
  to: number;
  name: string;
}

/**
 * Replaces Grafana variables that stand for durations — inside `[...]` (ranges, subquery steps) and after
 * `offset` — with "5m" padded with spaces to the same length, and the numeric macros ($__interval_ms,
 * $__range_s, $__range_ms) with "1" likewise. Keeping the length keeps every node position valid for the
 * original text. Variables inside string literals (label matcher values) are left alone.
 */
function substituteTemplateVariables(expr: string): { text: string; substitutions: Substitution[]; names: string[] } {
  const out: string[] = [];
  const substitutions: Substitution[] = [];
  const names: string[] = [];
  let bracketDepth = 0;
  let lastWord = '';
  let i = 0;
  while (i < expr.length) {
    const c = expr[i];
    if (c === '"' || c === "'" || c === '`') {
      const end = stringLiteralEnd(expr, i);
      const literal = expr.slice(i, end);
      for (const m of literal.matchAll(/\$(?:\{([A-Za-z0-9_]+)(?::[^}]*)?\}|([A-Za-z_][A-Za-z0-9_]*))/g)) {
        names.push(m[1] ?? m[2]);
      }
      out.push(literal);
      i = end;
      lastWord = '';
      continue;
    }
    if (c === '#') {
      const nl = expr.indexOf('\n', i);
      const end = nl < 0 ? expr.length : nl;
      out.push(expr.slice(i, end));
      i = end;
      continue;
    }
    if (c === '$') {
      TEMPLATE_VAR_RE.lastIndex = i;
      const m = TEMPLATE_VAR_RE.exec(expr);
      if (m) {
        const name = m[1] ?? m[2];
        const raw = m[0];
        names.push(name);
        let replacement: string | undefined;
        if (bracketDepth > 0 || lastWord === 'offset') replacement = '5m';
        else if (NUMERIC_MACROS.has(name)) replacement = '1';
        if (replacement !== undefined && raw.length >= replacement.length) {
          out.push(replacement.padEnd(raw.length, ' '));
          substitutions.push({ from: i, to: i + raw.length, name });
        } else {
          out.push(raw);
        }
        i += raw.length;
        lastWord = '';
        continue;
      }
    }
    if (c === '[') bracketDepth++;
    else if (c === ']') bracketDepth = Math.max(0, bracketDepth - 1);
    if (/[A-Za-z_]/.test(c)) {
      const word = /[A-Za-z0-9_:]+/y;
      word.lastIndex = i;
      const w = word.exec(expr)![0];
      out.push(w);
      lastWord = w.toLowerCase();
      i += w.length;
      continue;
    }
    if (!/\s/.test(c)) lastWord = '';
    out.push(c);
    i++;
  }
  return { text: out.join(''), substitutions, names: [...new Set(names)] };
}

/**
 * End (exclusive) of the string literal starting at `start`, following the grammar's StringLiteral token:
 * "..." and '...' support backslash escapes and stop at a newline; `...` is raw and may span lines. An
 * unterminated literal ends at the newline / end of input.
 */
function stringLiteralEnd(expr: string, start: number): number {
  const quote = expr[start];
  let i = start + 1;
  while (i < expr.length) {
    const c = expr[i];
    if (c === quote) return i + 1;
    if (quote !== '`') {
      if (c === '\n') return i;
      if (c === '\\') i++;
    }
    i++;
  }
  return Math.min(i, expr.length);
}

function isTerminatedString(literal: string): boolean {
  return literal.length >= 2 && stringLiteralEnd(literal, 0) === literal.length && literal.endsWith(literal[0]);
}

/** Resolves a PromQL string literal (Go-style escapes in "..." and '...', raw `...`). */
function unquote(literal: string): string {
  const quote = literal[0];
  const body = literal.slice(1, isTerminatedString(literal) ? -1 : undefined);
  if (quote === '`') return body;
  const simple: Record<string, string> = {
    a: '\x07', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t', v: '\v', '\\': '\\', '"': '"', "'": "'",
  };
  return body.replace(/\\(x[0-9a-fA-F]{2}|u[0-9a-fA-F]{4}|U[0-9a-fA-F]{8}|[0-7]{3}|.)/g, (_, esc: string) => {
    if (esc.length === 1) return simple[esc] ?? esc;
    if (/^[0-7]{3}$/.test(esc)) return String.fromCharCode(parseInt(esc, 8));
    return String.fromCodePoint(parseInt(esc.slice(1), 16));
  });
}

// ---------------------------------------------------------------------------------------------------------
// Syntax errors
// ---------------------------------------------------------------------------------------------------------

/** 1-based line and column of a 0-based offset in `expr` (columns count UTF-16 code units). */
export function lineAndColumn(expr: string, position: number): { line: number; column: number } {
  const before = expr.slice(0, position);
  const line = before.split('\n').length;
  const column = position - (before.lastIndexOf('\n') + 1) + 1;
  return { line, column };
}

/** Skips whitespace and `#` comments. */
function skipTrivia(expr: string, pos: number): number {
  let i = pos;
  while (i < expr.length) {
    if (/\s/.test(expr[i])) i++;
    else if (expr[i] === '#') {
      const nl = expr.indexOf('\n', i);
      i = nl < 0 ? expr.length : nl;
    } else break;
  }
  return i;
}

/** The token starting at `pos`, for "unexpected ..." messages. */
function tokenAt(expr: string, pos: number): string {
  const rest = expr.slice(pos);
  if (rest[0] === '"' || rest[0] === "'" || rest[0] === '`') return rest.slice(0, stringLiteralEnd(rest, 0));
  const m =
    /^\$(?:\{[^}]*\}|[A-Za-z0-9_]+)/.exec(rest) ??
    /^[A-Za-z_:][A-Za-z0-9_:]*/.exec(rest) ??
    /^[0-9.][0-9A-Za-z_.]*/.exec(rest) ??
    /^(?:==|!=|<=|>=|=~|!~|<\/|>\/)/.exec(rest);
  return m ? m[0] : rest[0];
}

/** Like JSON.stringify for the token, without doubling escapes in already-quoted string tokens. */
function quoteToken(token: string): string {
  return token.startsWith('"') ? `'${token}'` : `"${token}"`;
}

/** Throws a PromQLSyntaxError for the first error node or unterminated string literal, if any. */
function checkSyntax(expr: string, tree: Tree): void {
  let errorNode: { from: number; to: number } | undefined;
  let unterminated: number | undefined;
  tree.iterate({
    enter(n) {
      if (n.type.isError) {
        if (!errorNode || n.from < errorNode.from) errorNode = { from: n.from, to: n.to };
        return false;
      }
      if (n.name === 'StringLiteral' && unterminated === undefined && !isTerminatedString(expr.slice(n.from, n.to))) {
        unterminated = n.from;
      }
      return undefined;
    },
  });

  if (unterminated !== undefined && (!errorNode || unterminated <= errorNode.from)) {
    throw new PromQLSyntaxError(expr, unterminated, 'unterminated quoted string');
  }
  if (!errorNode) return;

  // Zero-length error nodes mark "something is missing here": report the token that follows instead.
  const pos = skipTrivia(expr, errorNode.from);
  if (pos >= expr.length) throw new PromQLSyntaxError(expr, expr.length, 'unexpected end of input');
  const token = tokenAt(expr, pos);
  if (token.startsWith('$')) {
    throw new PromQLSyntaxError(expr, pos, `unexpected template variable ${quoteToken(token)}`);
  }
  // `foo(`: lezer only knows PromQL's functions, so an unknown one surfaces as an unexpected "(".
  if (token === '(') {
    const ident = /(^|[^A-Za-z0-9_:.])([A-Za-z_:][A-Za-z0-9_:]*)\s*$/.exec(expr.slice(0, pos));
    if (ident && !/^(by|without|on|ignoring|group_left|group_right|bool|offset)$/i.test(ident[2])) {
      throw new PromQLSyntaxError(expr, ident.index + ident[1].length, `unknown function "${ident[2]}"`);
    }
  }
  throw new PromQLSyntaxError(expr, pos, `unexpected ${quoteToken(token)}`);
}

// ---------------------------------------------------------------------------------------------------------
// Tree helpers
// ---------------------------------------------------------------------------------------------------------

function children(node: SyntaxNode): SyntaxNode[] {
  const out: SyntaxNode[] = [];
  for (let c = node.firstChild; c; c = c.nextSibling) out.push(c);
  return out;
}

/** Looks through parentheses and the offset / @ / anchored / smoothed modifiers. */
function unwrap(node: SyntaxNode): SyntaxNode {
  let n = node;
  while (['ParenExpr', 'OffsetExpr', 'StepInvariantExpr', 'AnchoredExpr', 'SmoothedExpr'].includes(n.name)) {
    const inner = n.firstChild;
    if (!inner) break;
    n = inner;
  }
  return n;
}

const BINARY_OPS: Record<string, BinaryOperator> = {
  Pow: '^', Mul: '*', Div: '/', Mod: '%', Atan2: 'atan2', Add: '+', Sub: '-',
  Eql: '==', Neq: '!=', Gtr: '>', Lss: '<', Gte: '>=', Lte: '<=', TrimUpper: '</', TrimLower: '>/',
  And: 'and', Or: 'or', Unless: 'unless',
};
const COMPARISON_OPS = new Set<BinaryOperator>(['==', '!=', '>', '<', '>=', '<=']);

/** Functions taking a range vector, and the index of that argument. */
const RANGE_ARGUMENT_INDEX: Record<string, number> = {
  rate: 0, irate: 0, increase: 0, delta: 0, idelta: 0, deriv: 0, predict_linear: 0, changes: 0, resets: 0,
  double_exponential_smoothing: 0, holt_winters: 0,
  avg_over_time: 0, min_over_time: 0, max_over_time: 0, sum_over_time: 0, count_over_time: 0,
  stddev_over_time: 0, stdvar_over_time: 0, last_over_time: 0, first_over_time: 0, present_over_time: 0,
  absent_over_time: 0, mad_over_time: 0, ts_of_first_over_time: 0, ts_of_last_over_time: 0,
  ts_of_max_over_time: 0, ts_of_min_over_time: 0, quantile_over_time: 1,
};

/** Functions over a counter's growth, which need a counter: rate(), irate(), increase(). */
export const COUNTER_FUNCTIONS: ReadonlySet<string> = new Set(['rate', 'irate', 'increase']);

function groupingLabelsOf(node: SyntaxNode, expr: string): string[] {
  return children(node).map((c) =>
    c.name === 'QuotedLabelName' ? unquote(expr.slice(c.from, c.to)) : expr.slice(c.from, c.to),
  );
}

/**
 * Static value of a range / offset duration expression in seconds: literals and arithmetic, min_of/max_of;
 * undefined for step()/range() or anything unknown.
 */
function evalDuration(node: SyntaxNode, expr: string): number | undefined {
  const kids = children(node);
  if (node.name === 'NumberDurationLiteralInDurationContext') return parseNumberLiteral(expr.slice(node.from, node.to));
  if (kids.length === 1) return evalDuration(kids[0], expr);
  if (kids.length === 2 && kids[0].name === 'UnaryOp') {
    const v = evalDuration(kids[1], expr);
    return v === undefined ? undefined : expr.slice(kids[0].from, kids[0].to) === '-' ? -v : v;
  }
  if (kids.length === 3 && (kids[0].name === 'DurationMinOf' || kids[0].name === 'DurationMaxOf')) {
    const a = evalDuration(kids[1], expr);
    const b = evalDuration(kids[2], expr);
    if (a === undefined || b === undefined) return undefined;
    return kids[0].name === 'DurationMinOf' ? Math.min(a, b) : Math.max(a, b);
  }
  if (kids.length === 3 && BINARY_OPS[kids[1].name]) {
    const a = evalDuration(kids[0], expr);
    const b = evalDuration(kids[2], expr);
    if (a === undefined || b === undefined) return undefined;
    switch (kids[1].name) {
      case 'Add': return a + b;
      case 'Sub': return a - b;
      case 'Mul': return a * b;
      case 'Div': return a / b;
      case 'Mod': return a % b;
      case 'Pow': return a ** b;
    }
  }
  return undefined;
}

/**
 * Alert-condition rule: an expression "filters" (only returns series while the condition holds) when,
 * looking through parentheses, it is
 *   - a comparison (==, !=, >, <, >=, <=) without `bool` (with `bool` it returns 0/1 for every series);
 *   - `and` / `unless`, or arithmetic, with a side that filters: `and` keeps the left where the right has
 *     series, `unless` where it has none, arithmetic only matched pairs (`(x < 0.1) * on(i) group_left(n) info`);
 *   - `or` whose both sides filter (`x > 1 or vector(0)` always returns something);
 *   - a function or aggregation of something that filters (`count(x > 5)`).
 * Anything else (a bare selector, rate(), absent(), ...) does not.
 */
function isFilteringExpression(node: SyntaxNode): boolean {
  let n = node;
  while (n.name === 'ParenExpr' && n.firstChild) n = n.firstChild;
  // `a != b offset 5m` is `a != (b offset 5m)` to Prometheus (see Analyzer.offsetExpr).
  if (n.name === 'OffsetExpr' && n.firstChild?.name === 'BinaryExpr') n = n.firstChild;
  // A call keeps only what its argument keeps: count(x > 5), label_replace(x < 1, ...).
  if (n.name === 'FunctionCall' || n.name === 'AggregateExpr') {
    const body = children(n).find((k) => k.name === 'FunctionCallBody');
    return body ? children(body).some(isFilteringExpression) : false;
  }
  if (n.name !== 'BinaryExpr') return false;
  const kids = children(n);
  const opNode = kids.find((k) => BINARY_OPS[k.name] !== undefined);
  if (!opNode) return false;
  const op = BINARY_OPS[opNode.name];
  if (COMPARISON_OPS.has(op) && !kids.some((k) => k.name === 'BoolModifier')) return true;
  const [left, right] = [kids[0], kids[kids.length - 1]];
  if (op === 'or') return isFilteringExpression(left) && isFilteringExpression(right);
  // and / unless keep the left side where the right has (or lacks) series, and arithmetic keeps
  // matched pairs only: a condition on either side filters the result.
  return isFilteringExpression(left) || isFilteringExpression(right);
}

/** The right-most operand of a chain of binary expressions. */
function lastOperand(node: SyntaxNode): SyntaxNode {
  let n = node;
  while (n.name === 'BinaryExpr' && n.lastChild) n = n.lastChild;
  return n;
}

/** The call that is the whole expression, looking through parentheses as `isFilteringExpression` does. */
function outermostCall(node: SyntaxNode, calls: readonly PromQLCall[]): PromQLCall | undefined {
  let n = node;
  while (n.name === 'ParenExpr' && n.firstChild) n = n.firstChild;
  if (n.name !== 'FunctionCall' && n.name !== 'AggregateExpr') return undefined;
  return calls.find((c) => c.position === n.from && c.end === n.to);
}

/** Semantic error raised while walking a syntactically valid tree (mirrors Prometheus's parser checks). */
class SemanticError extends Error {
  constructor(readonly position: number, readonly detail: string) {
    super(detail);
  }
}

// ---------------------------------------------------------------------------------------------------------
// Label matchers
// ---------------------------------------------------------------------------------------------------------

/** A Grafana variable anywhere in a value. */
const HAS_TEMPLATE_VAR = new RegExp(TEMPLATE_VAR_RE.source);

/** A `=~` / `!~` matcher value compiled as Prometheus does it (RE2, anchored to the whole label value). */
export interface CompiledMatcherRegex {
  test(value: string): boolean;
}

const MATCHER_REGEXES = new Map<string, CompiledMatcherRegex | null>();

/**
 * A `=~` / `!~` matcher value compiled with RE2 anchored to the whole label value (`^(?:value)$`), once
 * per pattern; undefined when RE2 does not compile it. Callers decide what such a matcher means for them.
 */
export function compileMatcherRegex(pattern: string): CompiledMatcherRegex | undefined {
  let re = MATCHER_REGEXES.get(pattern);
  if (re === undefined) {
    re = re2Compiles(pattern) ? { test: (value: string) => re2FullMatch(pattern, value) } : null;
    MATCHER_REGEXES.set(pattern, re);
  }
  return re ?? undefined;
}

/** Whether a matcher accepts a label value ("" for a series without the label); false for a regex that does not compile. */
export function matcherMatches(m: LabelMatcher, value: string): boolean {
  switch (m.op) {
    case '=':
      return m.value === value;
    case '!=':
      return m.value !== value;
    case '=~':
    case '!~': {
      const re = compileMatcherRegex(m.value);
      if (!re) return false;
      return re.test(value) === (m.op === '=~');
    }
  }
}

/** Whether a matcher accepts a series that lacks the label (its value is then ""). */
function matchesEmpty(m: LabelMatcher): boolean {
  // A regex that does not compile matches nothing here, so `!~` it accepts the empty value.
  if ((m.op === '=~' || m.op === '!~') && compileMatcherRegex(m.value) === undefined) return m.op === '!~';
  return matcherMatches(m, '');
}

/**
 * Why Prometheus would refuse a `=~` / `!~` matcher value (it fails the rule file at load), in Go's RE2
 * words, or undefined when it compiles. A value with a Grafana variable is left alone: Grafana replaces
 * the variable before Prometheus reads the query.
 */
function regexProblem(pattern: string): string | undefined {
  if (HAS_TEMPLATE_VAR.test(pattern)) return undefined;
  return re2Problem(pattern);
}

// ---------------------------------------------------------------------------------------------------------
// Analysis
// ---------------------------------------------------------------------------------------------------------

class Analyzer {
  readonly selectors: Selector[] = [];
  readonly calls: PromQLCall[] = [];
  readonly binaryOps: BinaryOperation[] = [];

  constructor(
    private readonly expr: string,
    private readonly substitutions: Substitution[],
  ) {}

  private text(node: SyntaxNode): string {
    return this.expr.slice(node.from, node.to);
  }

  private isTemplated(from: number, to: number): boolean {
    return this.substitutions.some((s) => s.from < to && s.to > from);
  }

  /**
   * Source text of a node. A substituted variable ("5m" + padding) may end inside the node while its
   * padding does not, so the span is widened to cover every variable it overlaps.
   */
  private sourceText(node: SyntaxNode): string {
    let { from, to } = node;
    for (const s of this.substitutions) {
      if (s.from < to && s.to > from) {
        from = Math.min(from, s.from);
        to = Math.max(to, s.to);
      }
    }
    return this.expr.slice(from, to);
  }

  walk(node: SyntaxNode): void {
    switch (node.name) {
      case 'VectorSelector':
        this.selectors.push(this.selector(node));
        return;
      case 'MatrixSelector':
      case 'SubqueryExpr':
        return this.rangeExpr(node);
      case 'OffsetExpr':
        return this.offsetExpr(node);
      case 'FunctionCall':
      case 'AggregateExpr':
        return this.call(node);
      case 'BinaryExpr':
        return this.binary(node);
      default:
        for (const c of children(node)) this.walk(c);
    }
  }

  private selector(node: SyntaxNode): Selector {
    let metric: string | undefined;
    const matchers: LabelMatcher[] = [];
    const setMetric = (name: string, pos: number): void => {
      if (metric !== undefined) throw new SemanticError(pos, `metric name must not be set twice: "${metric}" or "${name}"`);
      metric = name;
    };
    for (const c of children(node)) {
      if (c.name === 'Identifier') setMetric(this.text(c), c.from);
      if (c.name !== 'LabelMatchers') continue;
      for (const m of children(c)) {
        if (m.name === 'QuotedLabelName') {
          setMetric(unquote(this.text(m)), m.from);
          continue;
        }
        const [nameNode, opNode, valueNode] = children(m);
        const label = m.name === 'QuotedLabelMatcher' ? unquote(this.text(nameNode)) : this.text(nameNode);
        const matcher: LabelMatcher = { label, op: this.text(opNode) as MatchOp, value: unquote(this.text(valueNode)) };
        const problem = matcher.op === '=~' || matcher.op === '!~' ? regexProblem(matcher.value) : undefined;
        if (problem) {
          throw new SemanticError(valueNode.from, `invalid regular expression in matcher ${label}${matcher.op}${JSON.stringify(matcher.value)}: ${problem}`);
        }
        matchers.push(matcher);
        if (label === '__name__' && matcher.op === '=') setMetric(matcher.value, m.from);
      }
    }
    if (metric === undefined && matchers.every(matchesEmpty)) {
      throw new SemanticError(node.from, 'vector selector must contain at least one non-empty matcher');
    }
    return {
      metric, matchers, position: node.from, end: node.to, text: this.text(node),
    };
  }

  /** MatrixSelector `expr[range]` and SubqueryExpr `expr[range:step]`. */
  private rangeExpr(node: SyntaxNode): void {
    const kids = children(node);
    const inner = kids[0];
    if (node.name === 'MatrixSelector' && inner.name !== 'VectorSelector') {
      throw new SemanticError(node.from, 'ranges only allowed for vector selectors');
    }
    const before = this.selectors.length;
    this.walk(inner);
    if (node.name !== 'MatrixSelector') return;
    const sel = this.selectors[before];
    const rangeNode = kids[1];
    sel.range = this.sourceText(rangeNode);
    sel.rangeIsTemplate = this.isTemplated(rangeNode.from, rangeNode.to);
    if (!sel.rangeIsTemplate) sel.rangeSeconds = evalDuration(rangeNode, this.expr);
    sel.end = node.to;
    sel.text = this.text(node);
  }

  private offsetExpr(node: SyntaxNode): void {
    const [inner, , duration] = children(node);
    const before = this.selectors.length;
    this.walk(inner);
    const target = unwrap(inner);
    if ((target.name === 'VectorSelector' || target.name === 'MatrixSelector') && duration) {
      this.selectors[before].offsetModifier = this.sourceText(duration);
    } else if (inner.name === 'BinaryExpr' && duration && this.selectors.length > before) {
      // The grammar library wraps `a != b offset 5m` whole; Prometheus binds offset tighter than any
      // operator, to `b` alone, so the offset belongs to the right-most selector.
      const operand = lastOperand(inner);
      if (!['VectorSelector', 'MatrixSelector', 'SubqueryExpr'].includes(operand.name)) {
        throw new SemanticError(operand.from, 'offset modifier must be preceded by an instant vector selector or range vector selector or a subquery');
      }
      const last = this.selectors[this.selectors.length - 1];
      if (operand.name !== 'SubqueryExpr' && last.end === operand.to) last.offsetModifier = this.sourceText(duration);
    }
  }

  private call(node: SyntaxNode): void {
    const kids = children(node);
    const isAggregation = node.name === 'AggregateExpr';
    const fnNode = kids[0];
    const fn = isAggregation ? this.text(fnNode).toLowerCase() : this.text(fnNode);
    const call: PromQLCall = {
      fn,
      kind: isAggregation ? 'aggregation' : 'function',
      args: [],
      position: node.from,
      end: node.to,
      text: this.text(node),
    };
    const modifier = kids.find((k) => k.name === 'AggregateModifier');
    if (modifier) {
      const [mode, labels] = children(modifier);
      call.grouping = {
        mode: this.text(mode).toLowerCase() === 'by' ? 'by' : 'without',
        labels: labels ? groupingLabelsOf(labels, this.expr) : [],
      };
    }
    this.calls.push(call); // before walking the arguments, so that `calls` is outermost-first
    const body = kids.find((k) => k.name === 'FunctionCallBody');
    const argNodes = body ? children(body) : [];
    for (const arg of argNodes) this.walk(arg);
    call.args = argNodes.map((a) => this.argument(a));
    const rangeIndex = isAggregation ? undefined : RANGE_ARGUMENT_INDEX[fn];
    if (rangeIndex !== undefined && call.args[rangeIndex]) call.rangeArgument = call.args[rangeIndex];
  }

  private argument(node: SyntaxNode): CallArgument {
    const selectors = this.selectors.filter((s) => s.position >= node.from && s.end <= node.to);
    const metrics = [...new Set(selectors.flatMap((s) => (s.metric === undefined ? [] : [s.metric])))];
    const arg: CallArgument = {
      kind: 'expression', text: this.text(node), from: node.from, to: node.to, selectors, metrics,
    };
    const target = unwrap(node);
    switch (target.name) {
      case 'NumberDurationLiteral':
        arg.kind = 'number';
        arg.value = parseNumberLiteral(this.text(target));
        break;
      case 'StringLiteral':
        arg.kind = 'string';
        arg.value = unquote(this.text(target));
        break;
      case 'VectorSelector':
        arg.kind = 'vector_selector';
        break;
      case 'MatrixSelector': {
        arg.kind = 'matrix_selector';
        const sel = selectors.find((s) => s.position === target.from);
        if (sel) {
          arg.range = sel.range;
          arg.rangeSeconds = sel.rangeSeconds;
          arg.rangeIsTemplate = sel.rangeIsTemplate;
        }
        break;
      }
      case 'SubqueryExpr': {
        arg.kind = 'subquery';
        const rangeNode = children(target)[1];
        arg.range = this.sourceText(rangeNode);
        arg.rangeIsTemplate = this.isTemplated(rangeNode.from, rangeNode.to);
        if (!arg.rangeIsTemplate) arg.rangeSeconds = evalDuration(rangeNode, this.expr);
        break;
      }
    }
    return arg;
  }

  private binary(node: SyntaxNode): void {
    const kids = children(node);
    const opNode = kids.find((k) => BINARY_OPS[k.name] !== undefined)!;
    const op = BINARY_OPS[opNode.name];
    const operation: BinaryOperation = {
      op,
      isComparison: COMPARISON_OPS.has(op),
      bool: kids.some((k) => k.name === 'BoolModifier'),
      position: opNode.from,
      from: node.from,
      to: node.to,
    };
    const clause = kids.find((k) => k.name === 'MatchingModifierClause');
    if (clause) {
      const parts = children(clause);
      const groupIdx = parts.findIndex((p) => p.name === 'GroupLeft' || p.name === 'GroupRight');
      operation.matching = {
        mode: parts[0].name === 'On' ? 'on' : 'ignoring',
        labels: parts[1] ? groupingLabelsOf(parts[1], this.expr) : [],
        include: groupIdx >= 0 && parts[groupIdx + 1] ? groupingLabelsOf(parts[groupIdx + 1], this.expr) : [],
      };
      if (groupIdx >= 0) operation.matching.group = parts[groupIdx].name === 'GroupLeft' ? 'left' : 'right';
    }
    this.binaryOps.push(operation);
    this.walk(kids[0]);
    this.walk(kids[kids.length - 1]);
  }
}

/**
 * Parses a PromQL expression with Prometheus's grammar and analyses it.
 * Grafana variables are accepted in ranges/offsets (`[$__rate_interval]`) and label matcher values.
 * @throws PromQLSyntaxError on an empty expression, a syntax error, or one of Prometheus's parse-time
 *   checks (empty selector, range on a non-selector, metric name set twice, unknown function, a regex
 *   matcher that does not compile).
 */
export function parsePromQL(expr: string): PromQLAnalysis {
  // Validation, generated rules and the lint read the same expressions: parse each once.
  const known = PARSED.get(expr);
  if (known instanceof PromQLSyntaxError) throw known;
  if (known) return known;
  try {
    const analysis = analyze(expr);
    PARSED.set(expr, analysis);
    return analysis;
  } catch (e) {
    if (e instanceof PromQLSyntaxError) PARSED.set(expr, e);
    throw e;
  }
}

/** The ExprNode of a syntax node, pointing at the analyzer's selectors, calls and binary operations. */
function exprTree(node: SyntaxNode, analyzer: Analyzer): ExprNode {
  switch (node.name) {
    case 'VectorSelector':
    case 'MatrixSelector': {
      const selector = analyzer.selectors.find((s) => s.position === node.from);
      return selector ? { kind: 'selector', selector } : { kind: 'number' };
    }
    case 'SubqueryExpr':
      return { kind: 'subquery', inner: exprTree(node.firstChild!, analyzer) };
    case 'FunctionCall':
    case 'AggregateExpr': {
      const call = analyzer.calls.find((c) => c.position === node.from && c.end === node.to)!;
      const body = children(node).find((k) => k.name === 'FunctionCallBody');
      return { kind: 'call', call, args: (body ? children(body) : []).map((a) => exprTree(a, analyzer)) };
    }
    case 'BinaryExpr': {
      const kids = children(node);
      const opNode = kids.find((k) => BINARY_OPS[k.name] !== undefined)!;
      const op = analyzer.binaryOps.find((b) => b.position === opNode.from)!;
      return { kind: 'binary', op, lhs: exprTree(kids[0], analyzer), rhs: exprTree(kids[kids.length - 1], analyzer) };
    }
    case 'NumberDurationLiteral':
      return { kind: 'number' };
    case 'StringLiteral':
      return { kind: 'string' };
    default: {
      // Parentheses, unary minus, offset, @, and the top node: the expression inside.
      const inner = children(node).filter((k) => !['UnaryOp', 'Offset', 'At', 'Sub', 'Add'].includes(k.name) && !k.name.startsWith('NumberDurationLiteral') && k.name !== 'DurationExpr');
      return inner.length ? exprTree(inner[0], analyzer) : { kind: 'number' };
    }
  }
}

/** Analyses by expression; an analysis is never changed after it is made. */
const PARSED = new Map<string, PromQLAnalysis | PromQLSyntaxError>();

function analyze(expr: string): PromQLAnalysis {
  const { text, substitutions, names } = substituteTemplateVariables(expr);
  if (skipTrivia(text, 0) >= text.length) {
    throw new PromQLSyntaxError(expr, 0, 'expression is empty');
  }
  const tree = lezer.parser.parse(text);
  checkSyntax(expr, tree);

  const top = tree.topNode.firstChild ?? tree.topNode;
  const analyzer = new Analyzer(expr, substitutions);
  try {
    analyzer.walk(top);
  } catch (e) {
    if (e instanceof SemanticError) throw new PromQLSyntaxError(expr, e.position, e.detail);
    throw e;
  }

  const { selectors, calls, binaryOps } = analyzer;
  const groupingLabels = [
    ...calls.flatMap((c) => c.grouping?.labels ?? []),
    ...binaryOps.flatMap((b) => [...(b.matching?.labels ?? []), ...(b.matching?.include ?? [])]),
  ];
  return {
    expr,
    tree: exprTree(top, analyzer),
    selectors,
    calls,
    binaryOps,
    metrics: [...new Set(selectors.flatMap((s) => (s.metric === undefined ? [] : [s.metric])))],
    groupingLabels: [...new Set(groupingLabels)],
    hasTopLevelComparison: isFilteringExpression(top),
    outermostCall: outermostCall(top, calls),
    rangeSelectorsSeconds: selectors.flatMap((s) => (s.rangeSeconds === undefined ? [] : [s.rangeSeconds])),
    templateVariables: names,
  };
}

// ---------------------------------------------------------------------------------------------------------
// Query helpers
// ---------------------------------------------------------------------------------------------------------

/** Calls of `fn` (function or aggregation), outermost first. */
export function callsOf(analysis: PromQLAnalysis, fn: string): PromQLCall[] {
  return analysis.calls.filter((c) => c.fn === fn);
}

/** True when `fn` (e.g. "rate") is applied to a range vector of `metric`. */
export function isAppliedTo(analysis: PromQLAnalysis, fn: string, metric: string): boolean {
  return callsOf(analysis, fn).some((c) => c.rangeArgument?.metrics.includes(metric) ?? false);
}

/** Calls and aggregations located inside `call`'s argument list (e.g. the `sum by (le)` of histogram_quantile). */
export function nestedCalls(analysis: PromQLAnalysis, call: PromQLCall): PromQLCall[] {
  return analysis.calls.filter((c) => c !== call && c.position >= call.position && c.end <= call.end);
}
