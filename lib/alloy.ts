import { InternalError } from './errors';
/**
 * Grafana Alloy's configuration syntax, rendered from typed objects: blocks with an optional
 * label, attributes, nested blocks, and values (strings, numbers, booleans, lists, objects and
 * references to other components' exports). Nothing is concatenated from templates: every string
 * is escaped here, and every identifier and reference is checked before it is written.
 *
 * The syntax is Alloy's (docs: /docs/alloy/latest/get-started/configuration-syntax/syntax/):
 *
 *   loki.write "default" {
 *     external_labels = { "host" = "pc" }
 *
 *     endpoint {
 *       url = "http://192.168.68.58:3100/loki/api/v1/push"
 *     }
 *   }
 */

const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;
const BLOCK_NAME = /^[A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z_][A-Za-z0-9_]*)*$/;
/** A reference: at least component name, label and export (`discovery.docker.containers.targets`). */
const REFERENCE = /^[A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z_][A-Za-z0-9_]*)+$/;

/** A component's export read by another: `loki.write.default.receiver`. Written as is. */
export class AlloyReference {
  constructor(readonly path: string) {
    if (!REFERENCE.test(path)) throw new InternalError(`Alloy reference: expected a dotted path of identifiers such as "loki.write.default.receiver", got ${JSON.stringify(path)}`);
  }
}

export type AlloyValue = string | number | boolean | AlloyReference | readonly AlloyValue[] | { readonly [key: string]: AlloyValue };

export interface AlloyBlock {
  /** The block's name: a component (`loki.source.file`) or a nested block (`endpoint`, `rule`, `stage.regex`). */
  readonly name: string;
  /** The component's label (`"default"`); nested blocks have none. */
  readonly label?: string;
  /** Attributes in the order written; undefined ones are left out. */
  readonly attributes?: { readonly [key: string]: AlloyValue | undefined };
  /** Nested blocks, after the attributes. */
  readonly blocks?: readonly AlloyBlock[];
}

/** A reference to another component's export, checked to be a dotted path of identifiers. */
export function ref(path: string): AlloyReference {
  return new AlloyReference(path);
}

/** An Alloy string literal: double quotes, with `\`, `"` and control characters escaped. */
export function alloyString(text: string): string {
  let out = '"';
  for (const ch of text) {
    const code = ch.codePointAt(0)!;
    if (ch === '\\') out += '\\\\';
    else if (ch === '"') out += '\\"';
    else if (ch === '\n') out += '\\n';
    else if (ch === '\r') out += '\\r';
    else if (ch === '\t') out += '\\t';
    else if (code < 0x20 || code === 0x7f) out += `\\u${code.toString(16).padStart(4, '0')}`;
    else out += ch;
  }
  return `${out}"`;
}

function renderValue(value: AlloyValue, indent: string): string {
  if (typeof value === 'string') return alloyString(value);
  if (typeof value === 'boolean') return String(value);
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new InternalError(`Alloy value: expected a finite number, got ${value}`);
    return String(value);
  }
  if (Array.isArray(value)) {
    if (value.length === 0) return '[]';
    const inner = `${indent}  `;
    return `[\n${value.map((v) => `${inner}${renderValue(v, inner)},`).join('\n')}\n${indent}]`;
  }
  if (value instanceof AlloyReference) return value.path;
  const entries = Object.entries(value as Record<string, AlloyValue>);
  if (entries.length === 0) return '{}';
  const inner = `${indent}  `;
  // Object keys are quoted: label names such as "__path__" are not all identifiers.
  return `{\n${entries.map(([k, v]) => `${inner}${alloyString(k)} = ${renderValue(v, inner)},`).join('\n')}\n${indent}}`;
}

function renderBlock(block: AlloyBlock, indent: string): string {
  if (!BLOCK_NAME.test(block.name)) throw new InternalError(`Alloy block: expected a name such as "loki.source.file" or "rule", got ${JSON.stringify(block.name)}`);
  if (block.label !== undefined && !IDENTIFIER.test(block.label)) {
    throw new InternalError(`Alloy block ${block.name}: expected a label of letters, digits and underscores, got ${JSON.stringify(block.label)}`);
  }
  const inner = `${indent}  `;
  const lines: string[] = [];
  for (const [key, value] of Object.entries(block.attributes ?? {})) {
    if (value === undefined) continue;
    if (!IDENTIFIER.test(key)) throw new InternalError(`Alloy block ${block.name}: expected an attribute name of letters, digits and underscores, got ${JSON.stringify(key)}`);
    lines.push(`${inner}${key} = ${renderValue(value, inner)}`);
  }
  for (const nested of block.blocks ?? []) {
    if (lines.length) lines.push('');
    lines.push(renderBlock(nested, inner));
  }
  const head = `${indent}${block.name}${block.label === undefined ? '' : ` ${alloyString(block.label)}`} {`;
  return lines.length ? `${head}\n${lines.join('\n')}\n${indent}}` : `${head}}`;
}

/** A configuration file: the blocks in order, separated by a blank line. */
export function renderAlloy(blocks: readonly AlloyBlock[]): string {
  return `${blocks.map((b) => renderBlock(b, '')).join('\n\n')}\n`;
}
