import { z } from 'zod';

/**
 * Notification templates (seed 000's "Alert Templates"), rendered from typed data into
 * Alertmanager's Go template syntax: one file of `{{ define }}` blocks that receivers call by
 * name (`{{ template "homelab.title" . }}`). Every value an alert supplies is read with `index`,
 * so any label or annotation name works, and a missing one renders empty.
 *
 *   🚨 CRITICAL: [Service] - [Issue]
 *   - Duration: [time]
 *   - Impact: [severity]
 *   - Action: [resolution_step]
 */

/** A value of one alert. */
export type AlertValue =
  | { readonly label: string }
  | { readonly annotation: string }
  /** The first of these that is not empty (`action`, else `runbook_url`). */
  | { readonly firstOf: readonly AlertValue[] }
  /** "firing" or "resolved". */
  | { readonly status: true }
  /** When the alert started firing, in UTC. */
  | { readonly startsAt: true }
  /** How long it has been firing, e.g. "2h 5m 12s" (Alertmanager 0.28+: since, humanizeDuration). */
  | { readonly firingFor: true };

const LABEL_NAME = /^[a-zA-Z_][a-zA-Z0-9_]*$/;
const NAME_EXPECTED = 'a label or annotation name such as "summary" (letters, digits, "_")';

const alertValueSchema: z.ZodType<AlertValue> = z.lazy(() =>
  z.union(
    [
      z.strictObject({ label: z.string().regex(LABEL_NAME, { error: `expected ${NAME_EXPECTED}` }) }),
      z.strictObject({ annotation: z.string().regex(LABEL_NAME, { error: `expected ${NAME_EXPECTED}` }) }),
      z.strictObject({ firstOf: z.array(alertValueSchema).min(1) }),
      z.strictObject({ status: z.literal(true) }),
      z.strictObject({ startsAt: z.literal(true) }),
      z.strictObject({ firingFor: z.literal(true) }),
    ],
    { error: 'expected one of { label }, { annotation }, { firstOf: [...] }, { status: true }, { startsAt: true } or { firingFor: true }' },
  ),
);

/** How alerts of one severity are told: the marker before the headline and the lines below it. */
const severityFormatSchema = z.strictObject({
  /** The severity label's value this applies to; the last format, without one, applies to the rest. */
  severity: z.string().min(1).optional(),
  /** e.g. "🚨" */
  marker: z.string(),
  lines: z.array(z.strictObject({ title: z.string().min(1), value: alertValueSchema })),
});

/** A notification template, as a spec writes it (alertmanager.templates). */
export const notificationTemplateSchema = z
  .strictObject({
    /** The templates are defined as `<name>.title`, `<name>.text`, `<name>.alert` and `<name>.headline`. */
    name: z.string().regex(/^[A-Za-z][A-Za-z0-9_.-]*$/, { error: 'expected a template name such as "homelab" (letters, digits, ".", "_", "-")' }),
    /** What the headline names as the service and the issue. */
    service: alertValueSchema,
    issue: alertValueSchema,
    /** At least one; the last has no severity (every other severity). */
    formats: z.array(severityFormatSchema).min(1),
  })
  .refine((t) => t.formats[t.formats.length - 1].severity === undefined && t.formats.slice(0, -1).every((f) => f.severity !== undefined), {
    error: 'expected formats whose last one, and only it, has no severity (it tells every other severity)',
    path: ['formats'],
  });

export type SeverityFormat = z.infer<typeof severityFormatSchema>;
export type NotificationTemplate = z.infer<typeof notificationTemplateSchema>;

const STARTS_AT_LAYOUT = '2006-01-02 15:04 UTC';

/** A Go string literal: JSON's escapes are Go's for the characters used here. */
function goString(text: string): string {
  return JSON.stringify(text);
}

/** A pipeline that yields the value (no braces). */
function expression(value: AlertValue): string {
  if ('label' in value) return `index .Labels ${goString(value.label)}`;
  if ('annotation' in value) return `index .Annotations ${goString(value.annotation)}`;
  if ('firstOf' in value) {
    if (value.firstOf.length === 0) throw new RangeError('firstOf needs at least one value');
    return `or ${value.firstOf.map((v) => `(${expression(v)})`).join(' ')}`;
  }
  if ('status' in value) return '.Status';
  if ('firingFor' in value) return '.StartsAt | since | humanizeDuration';
  return `(.StartsAt.UTC).Format ${goString(STARTS_AT_LAYOUT)}`;
}

/** Text outside actions: `{{` would open one, so it is written as a string action. */
function text(literal: string): string {
  return literal.includes('{{') ? `{{ ${goString(literal)} }}` : literal;
}

function action(body: string): string {
  return `{{ ${body} }}`;
}

function headline(t: NotificationTemplate, format: SeverityFormat): string {
  return `${text(`${format.marker} `)}${action('index .Labels "severity" | toUpper')}${text(': ')}${action(expression(t.service))}${text(' - ')}${action(expression(t.issue))}`;
}

function lines(format: SeverityFormat): string {
  return format.lines.map((line) => `\n${text(`- ${line.title}: `)}${action(expression(line.value))}`).join('');
}

/** One branch per format, chosen by the alert's severity label; the last format is the else. */
function bySeverity(t: NotificationTemplate, part: (format: SeverityFormat) => string): string {
  const formats = t.formats;
  if (formats.length === 1) return part(formats[0]);
  const branches = formats.slice(0, -1).map((f, i) => `${action(`${i === 0 ? 'if' : 'else if'} eq (index .Labels "severity") ${goString(f.severity!)}`)}${part(f)}`);
  return `${branches.join('')}${action('else')}${part(formats[formats.length - 1])}${action('end')}`;
}

/**
 * The template file: `<name>.headline` and `<name>.alert` (one alert, by its severity's
 * format), `<name>.text` (every alert of a notification, a blank line between them) and
 * `<name>.title` (the first alert's headline, and how many alerts there are when more than one).
 */
export function renderNotificationTemplate(t: NotificationTemplate): string {
  if (!/^[A-Za-z][A-Za-z0-9_.-]*$/.test(t.name)) throw new RangeError(`a template name is letters, digits, ".", "_" or "-", got ${JSON.stringify(t.name)}`);
  const last = t.formats[t.formats.length - 1];
  if (!last || last.severity !== undefined || t.formats.slice(0, -1).some((f) => f.severity === undefined)) {
    throw new RangeError(`template ${t.name}: the last format, and only it, has no severity (it tells every other severity)`);
  }
  const name = (part: string) => goString(`${t.name}.${part}`);
  const define = (part: string, content: string) => `${action(`define ${name(part)}`)}${content}${action('end')}\n`;
  return [
    define('headline', bySeverity(t, (f) => headline(t, f))),
    define('alert', `${action(`template ${name('headline')} .`)}${bySeverity(t, lines)}`),
    define('text', `${action('range $i, $alert := .Alerts')}${action('if $i')}\n\n${action('end')}${action(`template ${name('alert')} $alert`)}${action('end')}`),
    define('title', `${action('with index .Alerts 0')}${action(`template ${name('headline')} .`)}${action('end')}${action('if gt (len .Alerts) 1')} (${action('len .Alerts')} alerts)${action('end')}`),
  ].join('');
}
