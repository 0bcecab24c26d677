/** PromQL analysis: the walk over a syntax tree that collects selectors, calls and binary operations. */

import { matchesEmpty, regexProblem } from './promql-matchers';
import { children, parseNumberLiteral, unquote, unwrap, type Substitution, type SyntaxNode } from './promql-syntax';
import type {
  BinaryOperation,
  BinaryOperator,
  CallArgument,
  ExprNode,
  LabelMatcher,
  MatchOp,
  PromQLCall,
  Selector,
} from './promql-types';

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
export function isFilteringExpression(node: SyntaxNode): boolean {
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
export function outermostCall(node: SyntaxNode, calls: readonly PromQLCall[]): PromQLCall | undefined {
  let n = node;
  while (n.name === 'ParenExpr' && n.firstChild) n = n.firstChild;
  if (n.name !== 'FunctionCall' && n.name !== 'AggregateExpr') return undefined;
  return calls.find((c) => c.position === n.from && c.end === n.to);
}

/** Semantic error raised while walking a syntactically valid tree (mirrors Prometheus's parser checks). */
export class SemanticError extends Error {
  constructor(readonly position: number, readonly detail: string) {
    super(detail);
  }
}

// ---------------------------------------------------------------------------------------------------------
// Analysis
// ---------------------------------------------------------------------------------------------------------

export class Analyzer {
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

/** The ExprNode of a syntax node, pointing at the analyzer's selectors, calls and binary operations. */
export function exprTree(node: SyntaxNode, analyzer: Analyzer): ExprNode {
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
