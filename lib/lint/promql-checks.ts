/** The monitoring lint's PromQL checks: selectors, functions, vector matching and label flow. */
import { readTemplate } from '../go-template';
import { BinaryOperation, ExprNode, COUNTER_FUNCTIONS, nestedCalls, PromQLAnalysis, PromQLCall, Selector } from '../promql';
import { LintAlertRule } from './types';
import { Context, LintBase } from './base';
import { Source, COUNTER_LIKE, TYPE_WORDS, at, matcherText, matchesEmpty, GAUGE_FUNCTIONS, WINDOW_FUNCTIONS, SELECTING_AGGREGATIONS, SET_OPERATORS, Flow, SCALAR, sorted, keepsLabel, plainSide, formatSeconds } from './support';

export abstract class PromQLLinter extends LintBase {
  /** `label_values(<selector>, <label>)`: the selector is a query, and its metric must carry the label. */
  protected checkVariable(where: string, query: string): void {
    const m = /^\s*label_values\(\s*(.+?)\s*,\s*([A-Za-z_][A-Za-z0-9_]*)\s*\)\s*$/s.exec(query);
    if (!m) return; // other variable queries (label_names(), metrics(), query_result()) are not read
    const [, selector, label] = m;
    const analysis = this.parse(where, selector);
    if (!analysis) return;
    this.checkExpression({ where, expr: selector }, analysis);
    for (const s of analysis.selectors) {
      const { selected } = this.sourcesOf(s);
      if (selected.length === 0 || selected.some((x) => x.anyLabels)) continue;
      const carried = new Set(selected.flatMap((x) => [...x.labels]));
      if (!carried.has(label)) {
        this.report(where, 'unknown-label', `label_values() label "${label}": ${s.metric} carries no label "${label}", so the variable has no values; its labels are ${[...carried].sort().join(', ')}`);
      }
    }
  }

  // -- expressions ----------------------------------------------------------------------------------------

  protected checkExpression(ctx: Context, analysis: PromQLAnalysis): void {
    const sources = new Map<Selector, readonly Source[]>();
    for (const s of analysis.selectors) sources.set(s, this.checkSelector(ctx, s));
    for (const call of analysis.calls) {
      if (WINDOW_FUNCTIONS.has(call.fn)) this.checkRangeFunction(ctx, call, sources);
      if (call.fn === 'histogram_quantile') this.checkHistogramQuantile(ctx, analysis, call, sources);
    }
    for (const op of analysis.binaryOps) this.checkVectorMatching(ctx, analysis, op, sources);
    this.flow(analysis.tree, ctx);
  }

  protected checkRangeFunction(ctx: Context, call: PromQLCall, sources: ReadonlyMap<Selector, readonly Source[]>): void {
    const arg = call.rangeArgument;
    if (!arg || arg.kind !== 'matrix_selector' || arg.selectors.length !== 1) return;
    const selector = arg.selectors[0];
    const from = sources.get(selector) ?? [];
    if (from.length === 0) return;
    const here = `${call.fn}(${selector.text}) at ${at(ctx.expr, call.position)}`;
    const known = from.filter((s) => s.type !== 'untyped');
    if (COUNTER_FUNCTIONS.has(call.fn) && known.length > 0 && !known.some((s) => COUNTER_LIKE.has(s.type))) {
      this.report(ctx.where, 'counter-function', `${here}: ${selector.metric} is ${TYPE_WORDS[known[0].type]}; rate(), irate() and increase() need a counter (use deriv() or delta() for a gauge)`);
    }
    if (GAUGE_FUNCTIONS.has(call.fn) && known.length > 0 && known.every((s) => COUNTER_LIKE.has(s.type))) {
      this.report(ctx.where, 'gauge-function', `${here}: ${selector.metric} is ${TYPE_WORDS[known[0].type]}; delta(), idelta(), deriv() and predict_linear() need a gauge (apply them to rate() of a counter, or use increase())`);
    }
    if (arg.rangeSeconds !== undefined && !arg.rangeIsTemplate) {
      const slowest = from.reduce((a, b) => (b.intervalSeconds > a.intervalSeconds ? b : a));
      if (arg.rangeSeconds < 2 * slowest.intervalSeconds) {
        this.report(
          ctx.where,
          'rate-window',
          `${here}: the ${arg.range} window is shorter than twice the ${formatSeconds(slowest.intervalSeconds)} ${slowest.intervalKind} interval of ${slowest.origin}; ${call.fn}() needs two samples: use at least ${formatSeconds(2 * slowest.intervalSeconds)}`,
        );
      }
    }
  }

  protected checkHistogramQuantile(ctx: Context, analysis: PromQLAnalysis, call: PromQLCall, sources: ReadonlyMap<Selector, readonly Source[]>): void {
    const arg = call.args[1];
    if (!arg) return;
    const here = `histogram_quantile() at ${at(ctx.expr, call.position)}`;
    for (const selector of arg.selectors) {
      const known = (sources.get(selector) ?? []).filter((s) => s.type !== 'untyped');
      if (known.length === 0 || known.some((s) => s.type === 'histogram_bucket')) continue;
      const hint = known[0].type === 'summary_quantile' ? ` (read a summary's quantile with ${selector.metric}{quantile="0.99"})` : '';
      this.report(ctx.where, 'histogram-quantile', `${here}: ${selector.metric} is ${TYPE_WORDS[known[0].type]}, not a histogram's _bucket series; histogram_quantile() needs buckets with their le label${hint}`);
    }
    for (const inner of nestedCalls(analysis, call)) {
      if (inner.kind !== 'aggregation' || SELECTING_AGGREGATIONS.has(inner.fn) || inner.position < arg.from || inner.end > arg.to) continue;
      if (keepsLabel(inner, 'le')) continue;
      const fix = inner.grouping?.mode === 'by' ? `by (${[...inner.grouping.labels, 'le'].join(', ')})` : inner.grouping?.mode === 'without' ? `without (${inner.grouping.labels.filter((l) => l !== 'le').join(', ')})` : 'by (le)';
      this.report(ctx.where, 'histogram-quantile', `${here}: the ${inner.fn} at ${at(ctx.expr, inner.position)} aggregates the le label away; histogram_quantile() needs it: aggregate ${fix}`);
    }
  }

  /**
   * One-to-one matching pairs series with identical label sets. Where both sides are one selector
   * under label-preserving functions, their label sets are known: when they differ, the result is
   * always empty; when both sides read the same metric with different matchers, each series is
   * paired with itself (x{status="failed"} / x is 1 for every failed series).
   */
  protected checkVectorMatching(ctx: Context, analysis: PromQLAnalysis, op: BinaryOperation, sources: ReadonlyMap<Selector, readonly Source[]>): void {
    if (op.matching || SET_OPERATORS.has(op.op)) return;
    const left = plainSide(analysis, op.from, op.position);
    const right = plainSide(analysis, op.position + op.op.length, op.to);
    if (!left || !right) return;
    const ls = sources.get(left) ?? [];
    const rs = sources.get(right) ?? [];
    if (ls.length === 0 || rs.length === 0 || ls.some((s) => s.anyLabels) || rs.some((s) => s.anyLabels)) return;
    const here = `"${op.op}" at ${at(ctx.expr, op.position)}`;
    const labelsOf = (list: readonly Source[]) => new Set(list.flatMap((s) => [...s.labels]));
    const ll = labelsOf(ls);
    const rl = labelsOf(rs);
    const onlyLeft = [...ll].filter((l) => !rl.has(l)).sort();
    const onlyRight = [...rl].filter((l) => !ll.has(l)).sort();
    if (onlyLeft.length || onlyRight.length) {
      const has = (metric: string | undefined, only: string[]) => `${metric} ${only.length ? `carries ${only.join(', ')}` : 'carries no label the other lacks'}`;
      this.report(
        ctx.where,
        'vector-matching',
        `${here}: ${has(left.metric, onlyLeft)} and ${has(right.metric, onlyRight)}, so one-to-one matching pairs no series and the result is always empty; aggregate both sides to the same labels (e.g. sum by (instance)) or match with on(...)`,
      );
      return;
    }
    if (left.metric === right.metric) {
      const key = (s: Selector) => s.matchers.map(matcherText).sort().join(',');
      if (key(left) === key(right)) return;
      const narrowed = [...left.matchers, ...right.matchers].filter((m) => m.label !== '__name__' && m.label !== 'job' && !matchesEmpty(m));
      const labels = [...new Set(narrowed.map((m) => m.label))];
      if (labels.length === 0) return;
      const equal = (s: Selector, label: string) => s.matchers.find((m) => m.label === label && m.op === '=');
      const disjoint = labels.find((l) => equal(left, l) && equal(right, l) && equal(left, l)!.value !== equal(right, l)!.value);
      if (disjoint) {
        this.report(
          ctx.where,
          'vector-matching',
          `${here}: both sides read ${left.metric}, one with ${matcherText(equal(left, disjoint)!)} and the other with ${matcherText(equal(right, disjoint)!)}, so one-to-one matching pairs no series and the result is always empty; aggregate ${disjoint} away on both sides, e.g. sum without (${disjoint}) (...)`,
        );
        return;
      }
      this.report(
        ctx.where,
        'vector-matching',
        `${here}: both sides read ${left.metric} and one-to-one matching pairs each series with itself (${narrowed.map(matcherText).join(', ')} on one side meets the same series on the other), so the result compares a series to itself; aggregate ${labels.join(', ')} away on both sides, e.g. sum without (${labels.join(', ')}) (...)`,
      );
    }
  }

  // -- label flow -----------------------------------------------------------------------------------------

  /**
   * The labels an expression's result can carry, followed through selectors (catalog and target
   * labels), aggregations, functions, joins and label_replace, as Prometheus computes them. With a
   * context, a grouping or matching label the operand cannot carry is reported.
   */
  protected flow(node: ExprNode, ctx?: Context): Flow {
    switch (node.kind) {
      case 'number':
      case 'string':
        return SCALAR;
      case 'subquery':
        return this.flow(node.inner, ctx);
      case 'selector': {
        const selected = this.sourcesOf(node.selector).selected;
        if (selected.length === 0 || selected.some((x) => x.anyLabels)) return { scalar: false, labels: new Set(), any: true };
        return { scalar: false, labels: new Set(selected.flatMap((x) => [...x.labels])), any: false };
      }
      case 'call':
        return this.callFlow(node.call, node.args, ctx);
      case 'binary':
        return this.binaryFlow(node.op, node.lhs, node.rhs, ctx);
    }
  }

  protected callFlow(call: PromQLCall, args: readonly ExprNode[], ctx?: Context): Flow {
    const vectorArg = (i?: number): Flow => {
      const flows = (i === undefined ? args : [args[i]]).filter((a) => a !== undefined).map((a) => this.flow(a, ctx));
      return flows.find((f) => !f.scalar) ?? (flows.length ? flows[0] : SCALAR);
    };
    if (call.kind === 'aggregation') {
      const inner = vectorArg(args.length - 1);
      const carried = inner.scalar ? { labels: new Set<string>(), any: false } : inner;
      if (SELECTING_AGGREGATIONS.has(call.fn)) return inner;
      const extra = call.fn === 'count_values' && typeof call.args[0]?.value === 'string' ? [call.args[0].value] : [];
      if (call.grouping?.mode === 'by') {
        if (ctx && !carried.any) {
          for (const l of call.grouping.labels) {
            if (!carried.labels.has(l)) {
              this.report(ctx.where, 'label-flow', `${call.fn} by (${call.grouping.labels.join(', ')}) at ${at(ctx.expr, call.position)}: what it aggregates carries no label "${l}" (its labels are ${sorted(carried.labels)}), so every series falls in one group with ${l}=""; group by labels it carries`);
            }
          }
        }
        return { scalar: false, labels: new Set([...call.grouping.labels, ...extra]), any: false };
      }
      if (call.grouping?.mode === 'without') {
        if (ctx && !carried.any) {
          for (const l of call.grouping.labels.filter((x) => !carried.labels.has(x))) {
            this.report(ctx.where, 'without-label', `${call.fn} without (${call.grouping.labels.join(', ')}) at ${at(ctx.expr, call.position)}: what it aggregates carries no label "${l}" (its labels are ${sorted(carried.labels)}), so without removes nothing for it; name a label it carries`);
          }
        }
        const labels = new Set(carried.labels);
        call.grouping.labels.forEach((l) => labels.delete(l));
        extra.forEach((l) => labels.add(l));
        return { scalar: false, labels, any: carried.any };
      }
      return { scalar: false, labels: new Set(extra), any: false };
    }
    switch (call.fn) {
      case 'label_replace':
      case 'label_join': {
        const inner = vectorArg(0);
        const dst = call.args[1]?.value;
        if (inner.scalar || typeof dst !== 'string') return inner;
        const src = call.fn === 'label_replace' ? [call.args[3]?.value] : call.args.slice(2).map((a) => a.value);
        if (ctx && !inner.any) {
          for (const l of src) {
            if (typeof l === 'string' && l !== '' && !inner.labels.has(l)) {
              this.report(ctx.where, 'label-flow', `${call.fn}() at ${at(ctx.expr, call.position)}: its source label "${l}" is not on the series (their labels are ${sorted(inner.labels)}), so "${dst}" is set from ""; use a label they carry`);
            }
          }
        }
        return { scalar: false, labels: new Set([...inner.labels, dst]), any: inner.any };
      }
      case 'histogram_quantile': {
        const inner = vectorArg(1);
        if (inner.scalar) return inner;
        const labels = new Set(inner.labels);
        labels.delete('le');
        return { scalar: false, labels, any: inner.any };
      }
      case 'absent':
      case 'absent_over_time': {
        const selector = call.args[0]?.selectors[0];
        const labels = (selector?.matchers ?? []).filter((m) => m.op === '=' && m.label !== '__name__').map((m) => m.label);
        return { scalar: false, labels: new Set(labels), any: false };
      }
      case 'scalar':
      case 'time':
      case 'pi':
        return SCALAR;
      case 'vector':
        return { scalar: false, labels: new Set(), any: false };
      default:
        return vectorArg();
    }
  }

  protected binaryFlow(op: BinaryOperation, lhs: ExprNode, rhs: ExprNode, ctx?: Context): Flow {
    const l = this.flow(lhs, ctx);
    const r = this.flow(rhs, ctx);
    if (l.scalar) return r;
    if (r.scalar) return l;
    if (op.op === 'and' || op.op === 'unless') return l;
    if (op.op === 'or') return { scalar: false, labels: new Set([...l.labels, ...r.labels]), any: l.any || r.any };
    const m = op.matching;
    if (!m) return l;
    if (ctx && m.mode === 'on') {
      for (const label of m.labels) {
        const side = !l.any && !l.labels.has(label) ? l : !r.any && !r.labels.has(label) ? r : undefined;
        if (side) {
          this.report(ctx.where, 'label-flow', `"${op.op}" on (${m.labels.join(', ')}) at ${at(ctx.expr, op.position)}: the ${side === l ? 'left' : 'right'} side carries no label "${label}" (its labels are ${sorted(side.labels)}), so every series matches on ${label}=""; match on labels both sides carry`);
        }
      }
    }
    if (m.group) {
      const many = m.group === 'left' ? l : r;
      const one = m.group === 'left' ? r : l;
      if (ctx && !one.any) {
        for (const label of m.include) {
          if (!one.labels.has(label)) {
            this.report(ctx.where, 'label-flow', `group_${m.group}(${m.include.join(', ')}) at ${at(ctx.expr, op.position)}: the ${m.group === 'left' ? 'right' : 'left'} side carries no label "${label}" (its labels are ${sorted(one.labels)}), so it copies nothing; copy labels that side carries`);
          }
        }
      }
      return { scalar: false, labels: new Set([...many.labels, ...m.include]), any: many.any };
    }
    // One-to-one: Prometheus keeps only the on() labels, or drops the ignoring() ones.
    if (m.mode === 'on') return { scalar: false, labels: new Set(m.labels), any: false };
    const labels = new Set(l.labels);
    m.labels.forEach((x) => labels.delete(x));
    return { scalar: false, labels, any: l.any };
  }

  /** A legend's {{label}} must be a label the query's series carry. */
  protected checkLegend(where: string, legend: string, analysis: PromQLAnalysis): void {
    const result = this.flow(analysis.tree);
    if (result.scalar || result.any) return;
    for (const [, label] of legend.matchAll(/\{\{\s*([A-Za-z_][A-Za-z0-9_]*)\s*\}\}/g)) {
      if (result.labels.has(label)) continue;
      this.report(where, 'label-flow', `legend ${JSON.stringify(legend)}: {{${label}}} prints nothing because the query's series carry no label "${label}" (they carry ${sorted(result.labels)}); use one of those, or keep ${label} with by (...)`);
    }
  }

  /** Labels an annotation or label template prints must be ones the alert's series carry. */
  protected checkAnnotationLabels(where: string, rule: LintAlertRule, analysis: PromQLAnalysis): void {
    const result = this.flow(analysis.tree);
    if (result.scalar || result.any) return;
    const carried = new Set([...result.labels, ...Object.keys(rule.labels ?? {})]);
    carried.delete('__name__');
    const fields = [...Object.entries(rule.annotations ?? {}).map(([k, v]) => [`annotations.${k}`, v]), ...Object.entries(rule.labels ?? {}).map(([k, v]) => [`labels.${k}`, v])];
    for (const [field, text] of fields) {
      const reading = readTemplate(text, 'prometheus');
      for (const label of reading.labels) {
        if (carried.has(label)) continue;
        this.report(where, 'label-flow', `${field}: {{ $labels.${label} }} prints "" because the alert's series carry no label "${label}" (they carry ${sorted(carried)}); print one of those, or keep ${label} through the expression (by (...), group_left(...))`);
      }
    }
  }

  // -- rules, jobs, secrets -------------------------------------------------------------------------------
}
