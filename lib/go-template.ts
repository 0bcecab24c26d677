/**
 * Go's text/template as Prometheus (alert annotations and labels) and Alertmanager (receiver titles
 * and texts) read it: the syntax that makes them refuse a file at load, and the labels a template
 * prints, so that the lint can check them against the labels the alert's series carry.
 *
 * This is a checker, not an interpreter: it scans actions (`{{ ... }}`, with `{{-`/`-}}` trimming and
 * `{{/* comments *\/}}`), their strings, parentheses and pipelines, and the block structure
 * (if/range/with/define/block/else/end), and names the first problem as Go would, with its line.
 */

/** What a template prints and whether it parses. */
/** Whose template it is: each defines its own functions and variables. */
export type TemplateDialect = 'prometheus' | 'alertmanager';

/** Go's built-in template functions. */
const GO_FUNCTIONS = ['and', 'call', 'html', 'index', 'slice', 'js', 'len', 'not', 'or', 'print', 'printf', 'println', 'urlquery', 'eq', 'ge', 'gt', 'le', 'lt', 'ne'];

/** The functions each adds (Prometheus 2.45+ template/template.go, Alertmanager 0.25+ template/template.go). */
const FUNCTIONS: Readonly<Record<TemplateDialect, ReadonlySet<string>>> = {
  prometheus: new Set([
    ...GO_FUNCTIONS, 'query', 'first', 'label', 'value', 'strvalue', 'args', 'reReplaceAll', 'safeHtml', 'match', 'title', 'toUpper', 'toLower',
    'graphLink', 'tableLink', 'sortByLabel', 'humanize', 'humanize1024', 'humanizeDuration', 'humanizePercentage', 'humanizeTimestamp',
    'toTime', 'pathPrefix', 'externalURL', 'parseDuration', 'stripPort', 'stripDomain', 'toDuration', 'now',
  ]),
  alertmanager: new Set([...GO_FUNCTIONS, 'toUpper', 'toLower', 'title', 'trimSpace', 'join', 'match', 'safeHtml', 'reReplaceAll', 'stringSlice', 'date', 'tz', 'since', 'humanizeDuration', 'urlUnescape']),
};

/** Variables defined before the template runs. */
const VARIABLES: Readonly<Record<TemplateDialect, readonly string[]>> = {
  prometheus: ['$', '$labels', '$externalLabels', '$externalURL', '$value'],
  alertmanager: ['$'],
};

const KEYWORDS = new Set(['if', 'range', 'with', 'define', 'block', 'template', 'else', 'end', 'nil', 'true', 'false', 'break', 'continue']);

export interface TemplateReading {
  /** The first syntax problem, e.g. `line 1: unclosed action`; undefined when Go parses it. */
  readonly problem?: string;
  /**
   * Label names the template reads from the alert (`$labels.x`, `.Labels.x`, `index $labels "x"`,
   * `.CommonLabels.x`, `.GroupLabels.x`).
   */
  readonly labels: readonly string[];
}

const BLOCK_OPENERS = new Set(['if', 'range', 'with', 'define', 'block']);

/** Keywords, functions and variables an action may start an operand with. */
const IDENT = /^[A-Za-z_][A-Za-z0-9_]*/;

function lineOf(text: string, offset: number): number {
  return text.slice(0, offset).split('\n').length;
}

/** Reads a template: its first problem and the labels it reads. */
export function readTemplate(text: string, dialect: TemplateDialect): TemplateReading {
  const labels = new Set<string>();
  const variables = new Set(VARIABLES[dialect]);
  const stack: Array<{ keyword: string; line: number }> = [];
  let i = 0;
  while (i < text.length) {
    const open = text.indexOf('{{', i);
    if (open < 0) break;
    const line = lineOf(text, open);
    let start = open + 2;
    if (text[start] === '-' && /\s/.test(text[start + 1] ?? '')) start += 2;
    // A comment: {{/* ... */}}, possibly trimmed.
    const afterSpace = text.slice(start).match(/^\s*/)![0].length;
    if (text.startsWith('/*', start + afterSpace) || text.startsWith('/*', start)) {
      const close = text.indexOf('*/', start);
      if (close < 0) return { problem: `line ${line}: unclosed comment`, labels: [] };
      const end = text.slice(close + 2).match(/^\s*-?\}\}/);
      if (!end) return { problem: `line ${line}: comment ends before closing delimiter`, labels: [] };
      i = close + 2 + end[0].length;
      continue;
    }
    const scanned = scanAction(text, start);
    if (typeof scanned === 'string') return { problem: `line ${line}: ${scanned}`, labels: [] };
        i = scanned.end;
    const problem = checkAction(scanned.tokens, stack, line, labels, dialect, variables);
    if (problem) return { problem: `line ${line}: ${problem}`, labels: [] };
  }
  if (stack.length > 0) {
    const open = stack[stack.length - 1];
    return { problem: `line ${open.line}: unexpected EOF: {{ ${open.keyword} }} has no {{ end }}`, labels: [] };
  }
  return { labels: [...labels] };
}

interface Token {
  kind: 'ident' | 'field' | 'variable' | 'string' | 'number' | 'punct';
  text: string;
}

/** Tokens of one action up to its `}}`, or why it does not close. */
function scanAction(text: string, start: number): { tokens: Token[]; bodyEnd: number; end: number } | string {
  const tokens: Token[] = [];
  let depth = 0;
  let i = start;
  while (i < text.length) {
    const c = text[i];
    if (c === '}' && text[i + 1] === '}') {
      if (depth > 0) return 'unclosed left paren';
      const trimmed = text[i - 1] === '-' && /\s/.test(text[i - 2] ?? '');
      return { tokens, bodyEnd: trimmed ? i - 1 : i, end: i + 2 };
    }
    if (c === '}') return 'unclosed action: a single "}" where "}}" ends it';
    if (/\s/.test(c)) {
      i++;
      continue;
    }
    if (c === '"') {
      let j = i + 1;
      while (j < text.length && text[j] !== '"') {
        if (text[j] === '\\') j++;
        if (text[j] === '\n') return 'unterminated quoted string';
        j++;
      }
      if (j >= text.length) return 'unterminated quoted string';
      tokens.push({ kind: 'string', text: text.slice(i + 1, j) });
      i = j + 1;
      continue;
    }
    if (c === '`') {
      const j = text.indexOf('`', i + 1);
      if (j < 0) return 'unterminated raw quoted string';
      tokens.push({ kind: 'string', text: text.slice(i + 1, j) });
      i = j + 1;
      continue;
    }
    if (c === "'") {
      const m = /^'(\\.|[^'\\])'/.exec(text.slice(i));
      if (!m) return 'unterminated character constant';
      tokens.push({ kind: 'number', text: m[0] });
      i += m[0].length;
      continue;
    }
    if (c === '(') depth++;
    if (c === ')') {
      if (depth === 0) return 'unexpected right paren';
      depth--;
    }
    if ('()|,='.includes(c) || (c === ':' && text[i + 1] === '=')) {
      const t = c === ':' ? ':=' : c;
      tokens.push({ kind: 'punct', text: t });
      i += t.length;
      continue;
    }
    if (c === '$') {
      const m = /^\$[A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)*/.exec(text.slice(i))!;
      tokens.push({ kind: 'variable', text: m[0] });
      i += m[0].length;
      continue;
    }
    if (c === '.') {
      const m = /^(\.[A-Za-z_][A-Za-z0-9_]*)+|^\./.exec(text.slice(i))!;
      tokens.push({ kind: 'field', text: m[0] });
      i += m[0].length;
      continue;
    }
    if (/[-+0-9]/.test(c)) {
      const m = /^[-+]?(0x[0-9a-fA-F_]+|[0-9_]*\.?[0-9_]+([eE][-+]?[0-9]+)?i?)/.exec(text.slice(i));
      if (!m || m[0] === '' || m[0] === '-' || m[0] === '+') {
        if (c === '-' && text[i + 1] === '}' && text[i + 2] === '}') {
          i++;
          continue;
        }
        return `bad character ${JSON.stringify(c)}`;
      }
      tokens.push({ kind: 'number', text: m[0] });
      i += m[0].length;
      continue;
    }
    const ident = IDENT.exec(text.slice(i));
    if (ident) {
      tokens.push({ kind: 'ident', text: ident[0] });
      i += ident[0].length;
      continue;
    }
    return `bad character ${JSON.stringify(c)}`;
  }
  return 'unclosed action';
}

/** Checks one action's structure; collects the labels it reads. */
function checkAction(
  tokens: Token[],
  stack: Array<{ keyword: string; line: number }>,
  line: number,
  labels: Set<string>,
  dialect: TemplateDialect,
  variables: Set<string>,
): string | undefined {
  if (tokens.length === 0) return 'missing value for command';
  const first = tokens[0];
  if (first.kind === 'ident' && first.text === 'end') {
    if (tokens.length > 1) return `unexpected ${JSON.stringify(tokens[1].text)} in end`;
    if (!stack.pop()) return 'unexpected {{end}}';
    return undefined;
  }
  if (first.kind === 'ident' && first.text === 'else') {
    const open = stack[stack.length - 1];
    if (!open || !['if', 'range', 'with'].includes(open.keyword)) return 'unexpected {{else}}';
    if (tokens.length > 1 && !(tokens[1].kind === 'ident' && ['if', 'with'].includes(tokens[1].text))) return `unexpected ${JSON.stringify(tokens[1].text)} in else`;
    if (tokens.length === 2) return `missing value for ${tokens[1].text}`;
  } else if (first.kind === 'ident' && BLOCK_OPENERS.has(first.text)) {
    if (tokens.length === 1) return `missing value for ${first.text}`;
    stack.push({ keyword: first.text, line });
  }
  for (let k = 0; k < tokens.length; k++) {
    const t = tokens[k];
    if (t.kind === 'variable' && tokens[k + 1]?.text === ':=' ) variables.add(t.text.split('.')[0]);
    else if (t.kind === 'variable' && tokens[k + 1]?.text === ',' && tokens[k + 3]?.text === ':=') variables.add(t.text);
    else if (t.kind === 'variable' && !variables.has(t.text.split('.')[0])) return `undefined variable ${JSON.stringify(t.text.split('.')[0])}`;
    if (t.kind === 'ident' && !KEYWORDS.has(t.text) && !FUNCTIONS[dialect].has(t.text)) return `function ${JSON.stringify(t.text)} not defined`;
    if (t.kind === 'punct' && t.text === '|' && (k === 0 || k === tokens.length - 1 || tokens[k + 1].text === '|')) return 'missing command in pipeline';
    if (t.kind === 'variable' || t.kind === 'field') {
      const m = /^(?:\$labels|\.Labels|\.CommonLabels|\.GroupLabels|\$\.Labels|\$\.CommonLabels|\$\.GroupLabels)\.([A-Za-z_][A-Za-z0-9_]*)$/.exec(t.text);
      if (m) labels.add(m[1]);
    }
    if (t.kind === 'ident' && t.text === 'index' && tokens[k + 1] && /^(\$labels|\.Labels|\.CommonLabels|\.GroupLabels)$/.test(tokens[k + 1].text) && tokens[k + 2]?.kind === 'string') {
      labels.add(tokens[k + 2].text);
    }
  }
  return undefined;
}
