/**
 * Reads an Alloy configuration file back into blocks, for tests: the subset the project writes
 * (blocks with an optional label, attributes, strings, numbers, booleans, lists, objects and
 * references). A reference reads back as `{ ref: 'loki.write.default.receiver' }`.
 */

export type ParsedValue = string | number | boolean | { ref: string } | ParsedValue[] | { [key: string]: ParsedValue };

export interface ParsedBlock {
  name: string;
  label?: string;
  attributes: Record<string, ParsedValue>;
  blocks: ParsedBlock[];
}

const TOKEN = /\s*(?:(\/\/[^\n]*)|("(?:[^"\\]|\\.)*")|([A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z_][A-Za-z0-9_]*)*)|(-?\d+(?:\.\d+)?)|([{}[\]=,]))/y;

function tokenize(text: string): string[] {
  const tokens: string[] = [];
  TOKEN.lastIndex = 0;
  while (TOKEN.lastIndex < text.length) {
    if (/^\s*$/.test(text.slice(TOKEN.lastIndex))) break;
    const at = TOKEN.lastIndex;
    const m = TOKEN.exec(text);
    if (!m) throw new Error(`Alloy: cannot read at offset ${at}: ${JSON.stringify(text.slice(at, at + 40))}`);
    if (m[1] === undefined) tokens.push(m[0].trim());
  }
  return tokens;
}

/** Parses a whole file into its top-level blocks. */
export function parseAlloy(text: string): ParsedBlock[] {
  const tokens = tokenize(text);
  let i = 0;
  const next = () => tokens[i++];
  const expect = (t: string) => {
    if (tokens[i] !== t) throw new Error(`Alloy: expected ${t} at token ${i}, got ${tokens[i]}`);
    i++;
  };
  const value = (): ParsedValue => {
    const t = next();
    if (t.startsWith('"')) return JSON.parse(t) as string;
    if (t === 'true' || t === 'false') return t === 'true';
    if (/^-?\d/.test(t)) return Number(t);
    if (t === '[') {
      const list: ParsedValue[] = [];
      while (tokens[i] !== ']') {
        list.push(value());
        if (tokens[i] === ',') i++;
      }
      expect(']');
      return list;
    }
    if (t === '{') {
      const object: Record<string, ParsedValue> = {};
      while (tokens[i] !== '}') {
        const key = next();
        expect('=');
        object[key.startsWith('"') ? (JSON.parse(key) as string) : key] = value();
        if (tokens[i] === ',') i++;
      }
      expect('}');
      return object;
    }
    return { ref: t };
  };
  const body = (): { attributes: Record<string, ParsedValue>; blocks: ParsedBlock[] } => {
    const attributes: Record<string, ParsedValue> = {};
    const blocks: ParsedBlock[] = [];
    while (i < tokens.length && tokens[i] !== '}') {
      const name = next();
      if (tokens[i] === '=') {
        i++;
        attributes[name] = value();
      } else {
        blocks.push(block(name));
      }
    }
    return { attributes, blocks };
  };
  const block = (name: string): ParsedBlock => {
    const label = tokens[i].startsWith('"') ? (JSON.parse(next()) as string) : undefined;
    expect('{');
    const { attributes, blocks } = body();
    expect('}');
    return { name, ...(label === undefined ? {} : { label }), attributes, blocks };
  };
  const top = body();
  if (i !== tokens.length || Object.keys(top.attributes).length) throw new Error('Alloy: a file holds blocks only');
  return top.blocks;
}

/** The top-level block with this name and label. */
export function alloyBlock(blocks: readonly ParsedBlock[], name: string, label: string): ParsedBlock {
  const found = blocks.find((b) => b.name === name && b.label === label);
  if (!found) throw new Error(`no ${name} "${label}" among ${blocks.map((b) => `${b.name} "${b.label}"`).join(', ')}`);
  return found;
}
