import { parse, stringify } from 'yaml';

/**
 * The readable form of a synthesized stack (cdk.tf.json): every uploaded file parsed (YAML and
 * JSON), every `config_json` / `json_data_encoded` parsed, Terraform's `$${` escapes undone and
 * keys sorted, so that two forms differ only where the meaning of the stack differs. Used by the
 * review (its appendix) and by the per-environment snapshots.
 */

/** Terraform's escapes of a literal `${` and `%{` undone; `${var.x}` stays as it is. */
export function unescapeTerraform(text: string): string {
  return text.replace(/\$\$\{/g, '${').replace(/%%\{/g, '%{');
}

/** A copy with every object's keys in sorted order (arrays keep theirs). */
export function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.keys(value).sort().map((k) => [k, sortKeys((value as Record<string, unknown>)[k])]));
  }
  return value;
}

/** Keys whose value is a credential in the configs the stacks carry. */
const SECRET_KEY = /(password|passwd|secret|token|api_key|apikey|service_key|routing_key|api_url|webhook_url|credentials)$/i;

/** Whether a value is only Terraform references (`${var.x}`, `${jsonencode(var.x)}`): no value of its own. */
function onlyReferences(text: string): boolean {
  return text.replace(/\$\{[^}]*\}/g, '').trim() === '';
}

/**
 * A copy with every credential-named value that is not a Terraform reference replaced by
 * "(secret)", so that no secret written into a config ever reaches a review or a snapshot.
 */
export function redactSecrets(value: unknown, key = ''): unknown {
  if (typeof value === 'string') return SECRET_KEY.test(key) && !onlyReferences(value) ? '(secret)' : value;
  if (Array.isArray(value)) return value.map((v) => redactSecrets(v, key));
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, redactSecrets(v, k)]));
  }
  return value;
}

/** A file's text parsed as JSON or YAML when it is a document of either; its text otherwise. */
export function parseDocument(text: string): unknown {
  const trimmed = text.trim();
  if (trimmed.startsWith('{') || trimmed.startsWith('[')) {
    try {
      return JSON.parse(trimmed);
    } catch {
      // not JSON: try YAML below
    }
  }
  if (/^\$\{var\.[A-Za-z0-9_]+\}$/.test(trimmed)) return trimmed;
  try {
    const doc = parse(text);
    if (doc && typeof doc === 'object') return doc;
  } catch {
    // neither: the text itself
  }
  return text;
}

/** Keys whose string value is a JSON document in Terraform's resources. */
const ENCODED_JSON_KEYS = new Set(['config_json', 'json_data_encoded', 'secure_json_data_encoded']);

/** Resource attributes that carry file contents to be parsed. */
const CONTENT_KEYS = new Set(['content', 'values']);

function normalizeValue(key: string, value: unknown): unknown {
  if (typeof value === 'string') {
    const text = unescapeTerraform(value);
    if (ENCODED_JSON_KEYS.has(key) || (CONTENT_KEYS.has(key) && /\n/.test(text))) return parseDocument(text);
    return text;
  }
  if (Array.isArray(value)) return value.map((v) => normalizeValue(key, v));
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).filter(([k]) => k !== '//').map(([k, v]) => [k, normalizeValue(k, v)]));
  }
  return value;
}

/** A stack's Terraform JSON in its readable form: files and encoded JSON parsed, keys sorted, metadata dropped. */
export function normalizeStack(json: Record<string, unknown>): unknown {
  return sortKeys(redactSecrets(normalizeValue('', json)));
}

/**
 * The readable form rendered as YAML for a snapshot: one value a line, strings longer than 150
 * characters folded at spaces (YAML reads them back unchanged), so that a diff is read line by line.
 */
export function readableYaml(json: Record<string, unknown>): string {
  return stringify(normalizeStack(json), { lineWidth: 150, minContentWidth: 40, aliasDuplicateObjects: false });
}
