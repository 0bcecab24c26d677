/** PromQL syntax: Prometheus's lezer grammar, Grafana template variables, and the syntax error type. */

import { durationSeconds, isDuration } from './duration';

// The package is ESM ("type": "module") but also ships dist/index.cjs; a value `import` from this CommonJS
// project is refused by TypeScript (TS1479), so load the CJS build with require and take the types only.
// (`resolution-mode` lets this CommonJS file name the ESM package's types.)
type LezerPromQL = typeof import('@prometheus-io/lezer-promql', { with: { 'resolution-mode': 'import' } });
export const lezer: LezerPromQL = require('@prometheus-io/lezer-promql');

type Tree = ReturnType<typeof lezer.parser.parse>;
export type SyntaxNode = Tree['topNode'];

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
export function parseNumberLiteral(text: string): number | undefined {
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
export const TEMPLATE_VAR_RE = /\$(?:\{([A-Za-z0-9_]+)(?::[^}]*)?\}|([A-Za-z0-9_]+))/y;
/** Grafana macros that expand to a plain number, usable outside duration contexts. */
const NUMERIC_MACROS = new Set(['__interval_ms', '__range_s', '__range_ms']);

export interface Substitution {
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
export function substituteTemplateVariables(expr: string): { text: string; substitutions: Substitution[]; names: string[] } {
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
export function unquote(literal: string): string {
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
export function skipTrivia(expr: string, pos: number): number {
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
export function checkSyntax(expr: string, tree: Tree): void {
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

export function children(node: SyntaxNode): SyntaxNode[] {
  const out: SyntaxNode[] = [];
  for (let c = node.firstChild; c; c = c.nextSibling) out.push(c);
  return out;
}

/** Looks through parentheses and the offset / @ / anchored / smoothed modifiers. */
export function unwrap(node: SyntaxNode): SyntaxNode {
  let n = node;
  while (['ParenExpr', 'OffsetExpr', 'StepInvariantExpr', 'AnchoredExpr', 'SmoothedExpr'].includes(n.name)) {
    const inner = n.firstChild;
    if (!inner) break;
    n = inner;
  }
  return n;
}
