/** PromQL analysis: the public types of an analysed expression (see lib/promql.ts). */

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
