import { parsePromQL, type PromQLAnalysis, type Selector } from '../promql';

/**
 * What changed between two PromQL expressions, in the words a reviewer uses: a threshold, a range
 * window, a selector's matchers, an operator. Expressions are compared through their parse: the
 * skeleton (selectors and numbers taken out, spacing ignored) tells whether only those parts
 * moved; anything else is a change of structure and shows both expressions.
 */

const NUMBER = /(?<![\w.:$])(\d+(?:\.\d+)?(?:e[+-]?\d+)?|\.\d+)(?![\w.])/gi;

interface Parts {
  skeleton: string;
  numbers: string[];
  selectors: Selector[];
  analysis: PromQLAnalysis;
}

function partsOf(expr: string): Parts | undefined {
  let analysis: PromQLAnalysis;
  try {
    analysis = parsePromQL(expr);
  } catch {
    return undefined;
  }
  // Selectors out (last first, so positions stay valid), then numbers outside string literals.
  let text = expr;
  for (let i = analysis.selectors.length - 1; i >= 0; i--) {
    const s = analysis.selectors[i];
    text = `${text.slice(0, s.position)}sel${i}_${text.slice(s.end)}`;
  }
  const numbers: string[] = [];
  const skeleton = text
    .split(/("(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*')/)
    .map((piece, i) => (i % 2 === 1 ? piece : piece.replace(NUMBER, (n: string, _g: string, offset: number) => {
      // With the operator before it, for context: "> 0.9".
      const op = /(==|!=|>=|<=|>|<|\*|\/|\+|-)\s*$/.exec(piece.slice(0, offset))?.[1];
      numbers.push(op ? `${op} ${n}` : n);
      return '#';
    })))
    .join('')
    .replace(/\s+/g, '');
  return { skeleton, numbers, selectors: analysis.selectors, analysis };
}

function matcherText(s: Selector): string[] {
  return s.matchers.filter((m) => m.label !== '__name__').map((m) => `${m.label}${m.op}${JSON.stringify(m.value)}`).sort();
}

/** The differences between two expressions, one line each; empty when they mean the same. */
export function exprChanges(before: string, after: string): string[] {
  if (before.replace(/\s+/g, ' ').trim() === after.replace(/\s+/g, ' ').trim()) return [];
  const a = partsOf(before);
  const b = partsOf(after);
  const whole = [`expression: \`${oneLine(before)}\` → \`${oneLine(after)}\``];
  if (!a || !b) return whole;
  const out: string[] = [];
  if (a.skeleton !== b.skeleton) {
    const opsA = a.analysis.binaryOps.map((o) => o.op);
    const opsB = b.analysis.binaryOps.map((o) => o.op);
    if (opsA.length === opsB.length && opsA.some((op, i) => op !== opsB[i]) && a.skeleton.replace(/[<>=!*/+^%-]+/g, '') === b.skeleton.replace(/[<>=!*/+^%-]+/g, '')) {
      opsA.forEach((op, i) => {
        if (op !== opsB[i]) out.push(`operator \`${op}\` → \`${opsB[i]}\``);
      });
    } else {
      const gone = a.analysis.metrics.filter((m) => !b.analysis.metrics.includes(m));
      const added = b.analysis.metrics.filter((m) => !a.analysis.metrics.includes(m));
      if (gone.length || added.length) out.push(`metrics: ${[...gone.map((m) => `-${m}`), ...added.map((m) => `+${m}`)].join(', ')}`);
      return [...out, ...whole];
    }
  }
  if (a.numbers.length === b.numbers.length) {
    a.numbers.forEach((n, i) => {
      if (Number(n.split(' ').pop()) !== Number(b.numbers[i].split(' ').pop())) {
        out.push(`threshold \`${n}\` → \`${b.numbers[i]}\``);
      }
    });
  }
  if (a.selectors.length === b.selectors.length) {
    a.selectors.forEach((s, i) => {
      const t = b.selectors[i];
      if (s.metric !== t.metric) out.push(`metric \`${s.metric ?? '(none)'}\` → \`${t.metric ?? '(none)'}\``);
      if ((s.range ?? '') !== (t.range ?? '')) out.push(`range of ${t.metric ?? 'a selector'} \`[${s.range ?? ''}]\` → \`[${t.range ?? ''}]\``);
      if ((s.offsetModifier ?? '') !== (t.offsetModifier ?? '')) out.push(`offset of ${t.metric ?? 'a selector'} \`${s.offsetModifier ?? 'none'}\` → \`${t.offsetModifier ?? 'none'}\``);
      const ma = matcherText(s);
      const mb = matcherText(t);
      const removed = ma.filter((m) => !mb.includes(m));
      const added = mb.filter((m) => !ma.includes(m));
      if (removed.length || added.length) out.push(`selector ${t.metric ?? ''}: ${[...removed.map((m) => `-${m}`), ...added.map((m) => `+${m}`)].join(', ')}`);
    });
  }
  return out.length ? out : whole;
}

export function oneLine(text: string): string {
  return text.replace(/\s*\n\s*/g, ' ').trim();
}
