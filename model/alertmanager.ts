import { z } from 'zod';
import { hhmm, matcher, labelName, secretName, hostPort, email, duration } from '../lib/schema';
import { fieldError } from '../lib/errors';
import { compact } from '../lib/yaml';

/*
 * Alertmanager's configuration: routes, receivers, inhibitions and time intervals, and the pure
 * renderer of alertmanager.yml. Secrets are named, never held: the runtime says where the file
 * holding each one is.
 */

export interface Route {
  /** @default the parent's receiver */
  readonly receiver?: string;
  readonly groupBy?: string[];
  readonly groupWait?: string;
  readonly groupInterval?: string;
  readonly repeatInterval?: string;
  /** Alertmanager matchers, e.g. 'severity="critical"'. @default matches every alert */
  readonly matchers?: string[];
  /** Keep looking at sibling routes after this one matched. @default false */
  readonly continue?: boolean;
  /** Time intervals during which this route sends nothing. @default none */
  readonly muteTimeIntervals?: string[];
  readonly routes?: Route[];
}

/** A route's schema, typed by Route: a recursive shape is the one type zod cannot infer. */
const routeSpec: z.ZodType<Route> = z.lazy(() =>
  z.strictObject({
    receiver: z.string().optional(),
    groupBy: z.array(z.string()).optional(),
    groupWait: duration.optional(),
    groupInterval: duration.optional(),
    repeatInterval: duration.optional(),
    matchers: z.array(matcher).optional(),
    continue: z.boolean().optional(),
    muteTimeIntervals: z.array(z.string()).optional(),
    routes: z.array(routeSpec).optional(),
  }),
);

export const emailReceiver = z.strictObject({
  to: email,
  /** @default the global smtp from */
  from: email.optional(),
  /** @default the global smarthost */
  smarthost: hostPort.optional(),
  /** @default the global auth username */
  authUsername: z.string().optional(),
  /** Sensitive variable holding the SMTP password. @default the global one */
  authPasswordSecret: secretName.optional(),
  headers: z.record(z.string(), z.string()).optional(),
  /** @default false */
  sendResolved: z.boolean().optional(),
});

export const slackReceiver = z.strictObject({
  /** Sensitive variable holding the incoming-webhook URL. */
  apiUrlSecret: secretName,
  channel: z.string().startsWith('#', { error: 'expected a channel such as "#alerts"' }),
  title: z.string().optional(),
  text: z.string().optional(),
  /** @default false */
  sendResolved: z.boolean().optional(),
});

export const pagerDutyReceiver = z.strictObject({
  /** Sensitive variable holding the PagerDuty integration (service) key. */
  serviceKeySecret: secretName,
  description: z.string().optional(),
  /** @default true */
  sendResolved: z.boolean().optional(),
});

export const webhookReceiver = z
  .strictObject({
    /** The URL alerts are POSTed to... */
    url: z.url({ error: 'expected an http(s) URL' }).optional(),
    /** ...or the sensitive variable holding it, for URLs that carry a token: a secret file named by `url_file`. */
    urlSecret: secretName.optional(),
    /** @default true */
    sendResolved: z.boolean().optional(),
  })
  .refine((w) => (w.url === undefined) !== (w.urlSecret === undefined), { error: 'expected exactly one of url or urlSecret' });

export const receiverSpec = z.strictObject({
  name: z.string().min(1),
  email: z.array(emailReceiver).optional(),
  slack: z.array(slackReceiver).optional(),
  pagerduty: z.array(pagerDutyReceiver).optional(),
  webhook: z.array(webhookReceiver).optional(),
});

export const inhibitRule = z.strictObject({
  sourceMatchers: z.array(matcher).min(1),
  targetMatchers: z.array(matcher).min(1),
  /** Labels that must be equal in source and target. @default none */
  equal: z.array(labelName).optional(),
});

/** A named time interval (a maintenance window) routes can mute during; times "HH:MM", 24-hour. */
export const timeInterval = z.strictObject({
  name: z.string().min(1),
  intervals: z
    .array(
      z.strictObject({
        weekdays: z.array(z.string()).optional(),
        times: z.array(z.strictObject({ start: hhmm, end: hhmm })).optional(),
        daysOfMonth: z.array(z.string()).optional(),
        months: z.array(z.string()).optional(),
      }),
    )
    .min(1),
});

export const smtpSettings = z.strictObject({
  from: email,
  /** host:port */
  smarthost: hostPort,
  authUsername: z.string().optional(),
  /** Sensitive variable holding the SMTP password. */
  authPasswordSecret: secretName.optional(),
  /** @default true */
  requireTls: z.boolean().optional(),
});

export const alertmanagerSpec = z.strictObject({
  /** @default 5m */
  resolveTimeout: duration.optional(),
  smtp: smtpSettings.optional(),
  route: routeSpec,
  /**
   * The receivers each severity must reach, in the order the routes reach them: checked with
   * `amtool config routes test` for every severity and every alert of the environment.
   */
  expectedReceivers: z.record(z.string(), z.array(z.string()).min(1)).optional(),
  receivers: z.array(receiverSpec).min(1),
  /**
   * The dead man's switch: the generated Watchdog alert, which always fires, goes to this URL
   * (a sensitive variable) every `repeatInterval`, and the service behind it pages when it stops.
   * @default no heartbeat
   */
  heartbeat: z.strictObject({ urlSecret: secretName, repeatInterval: duration.optional() }).optional(),
  inhibitRules: z.array(inhibitRule).optional(),
  timeIntervals: z.array(timeInterval).optional(),
});

export type EmailReceiver = z.infer<typeof emailReceiver>;
export type SlackReceiver = z.infer<typeof slackReceiver>;
export type PagerDutyReceiver = z.infer<typeof pagerDutyReceiver>;
export type WebhookReceiver = z.infer<typeof webhookReceiver>;
export type Receiver = z.infer<typeof receiverSpec>;
export type InhibitRule = z.infer<typeof inhibitRule>;
export type TimeInterval = z.infer<typeof timeInterval>;
export type SmtpSettings = z.infer<typeof smtpSettings>;

/** The receiver and route the heartbeat adds (see `withHeartbeat`). */
export const HEARTBEAT_RECEIVER = 'heartbeat';

/**
 * The Alertmanager settings with the heartbeat in place: a `heartbeat` receiver (a webhook to the
 * dead man's switch URL), and a first route that sends the Watchdog alert there alone, again every
 * `repeatInterval` (1m by default), without grouping it with anything.
 */
export function withHeartbeat<T extends { route: Route; receivers: readonly unknown[]; heartbeat?: { urlSecret: string; repeatInterval?: string } }>(
  am: T,
  watchdogAlert: string,
): T {
  if (!am.heartbeat) return am;
  const route: Route = {
    matchers: [`alertname=${JSON.stringify(watchdogAlert)}`],
    receiver: HEARTBEAT_RECEIVER,
    groupBy: ['alertname'],
    groupWait: '0s',
    groupInterval: '1m',
    repeatInterval: am.heartbeat.repeatInterval ?? '1m',
  };
  return {
    ...am,
    route: { ...am.route, routes: [route, ...(am.route.routes ?? [])] },
    receivers: [...am.receivers, { name: HEARTBEAT_RECEIVER, webhook: [{ urlSecret: am.heartbeat.urlSecret, sendResolved: false }] }],
  };
}

/** The Alertmanager settings of an environment, as its spec writes them. */
export interface AlertmanagerSettings {
  /** @default 5m */
  readonly resolveTimeout?: string;
  readonly smtp?: SmtpSettings;
  readonly route: Route;
  readonly receivers: readonly Receiver[];
  readonly inhibitRules?: readonly InhibitRule[];
  readonly timeIntervals?: readonly TimeInterval[];
}

/** Where the runtime puts each secret alertmanager.yml names. */
export interface SecretReferences {
  /** The path of a file holding the secret, for a `*_file` key. */
  file(name: string, description: string): string;
}

interface RouteDocument {
  receiver?: string;
  group_by?: string[];
  group_wait?: string;
  group_interval?: string;
  repeat_interval?: string;
  matchers?: string[];
  continue?: boolean;
  mute_time_intervals?: string[];
  routes?: RouteDocument[];
}

interface ReceiverDocument {
  name: string;
  email_configs?: Array<{ to: string; from?: string; smarthost?: string; auth_username?: string; auth_password_file?: string; headers?: Record<string, string>; send_resolved?: boolean }>;
  slack_configs?: Array<{ api_url_file: string; channel: string; title?: string; text?: string; send_resolved?: boolean }>;
  pagerduty_configs?: Array<{ service_key_file: string; description?: string; send_resolved?: boolean }>;
  webhook_configs?: Array<{ url?: string; url_file?: string; send_resolved: boolean }>;
}

/** alertmanager.yml, as Alertmanager and amtool read it. */
export interface AlertmanagerConfig {
  global: {
    resolve_timeout: string;
    smtp_from?: string;
    smtp_smarthost?: string;
    smtp_auth_username?: string;
    smtp_auth_password_file?: string;
    smtp_require_tls?: boolean;
  };
  route: RouteDocument;
  inhibit_rules?: Array<{ source_matchers: string[]; target_matchers: string[]; equal?: string[] }>;
  receivers: ReceiverDocument[];
  time_intervals?: Array<{
    name: string;
    time_intervals: Array<{ weekdays?: string[]; times?: Array<{ start_time: string; end_time: string }>; days_of_month?: string[]; months?: string[] }>;
  }>;
}

function renderRoute(r: Route): RouteDocument {
  return compact({
    receiver: r.receiver,
    group_by: r.groupBy,
    group_wait: r.groupWait,
    group_interval: r.groupInterval,
    repeat_interval: r.repeatInterval,
    matchers: r.matchers,
    continue: r.continue,
    mute_time_intervals: r.muteTimeIntervals,
    routes: r.routes?.map(renderRoute),
  });
}

function renderReceiver(r: Receiver, secrets: SecretReferences, where: string): ReceiverDocument {
  /** `url`, or `url_file` naming the secret file that holds it. */
  const webhookUrl = (w: WebhookReceiver): { url: string } | { url_file: string } => {
    if (w.url !== undefined) return { url: w.url };
    if (w.urlSecret === undefined) throw fieldError(where, `receiver "${r.name}" webhook`, w, 'exactly one of url or urlSecret');
    return { url_file: secrets.file(w.urlSecret, `Webhook URL of receiver ${r.name}`) };
  };
  return compact({
    name: r.name,
    email_configs: r.email?.map((e) =>
      compact({
        to: e.to,
        from: e.from,
        smarthost: e.smarthost,
        auth_username: e.authUsername,
        auth_password_file: e.authPasswordSecret ? secrets.file(e.authPasswordSecret, `SMTP password for e-mail to ${e.to}`) : undefined,
        headers: e.headers ? { ...e.headers } : undefined,
        send_resolved: e.sendResolved,
      }),
    ),
    slack_configs: r.slack?.map((s) =>
      compact({
        api_url_file: secrets.file(s.apiUrlSecret, `Slack incoming-webhook URL for ${s.channel}`),
        channel: s.channel,
        title: s.title,
        text: s.text,
        send_resolved: s.sendResolved,
      }),
    ),
    pagerduty_configs: r.pagerduty?.map((d) =>
      compact({
        service_key_file: secrets.file(d.serviceKeySecret, `PagerDuty integration key of receiver ${r.name}`),
        description: d.description,
        send_resolved: d.sendResolved,
      }),
    ),
    webhook_configs: r.webhook?.map((w) => ({ ...webhookUrl(w), send_resolved: w.sendResolved ?? true })),
  });
}

/**
 * Renders alertmanager.yml: a pure function of the settings and of where the runtime puts the
 * secrets. `where` names the owner in error messages.
 */
export function renderAlertmanagerConfig(settings: AlertmanagerSettings, secrets: SecretReferences, where: string): AlertmanagerConfig {
  const smtp = settings.smtp;
  return compact({
    global: compact({
      resolve_timeout: settings.resolveTimeout ?? '5m',
      smtp_from: smtp?.from,
      smtp_smarthost: smtp?.smarthost,
      smtp_auth_username: smtp?.authUsername,
      smtp_auth_password_file: smtp?.authPasswordSecret ? secrets.file(smtp.authPasswordSecret, 'SMTP password Alertmanager sends e-mail with') : undefined,
      smtp_require_tls: smtp ? (smtp.requireTls ?? true) : undefined,
    }),
    route: renderRoute(settings.route),
    inhibit_rules: settings.inhibitRules?.map((r) => compact({ source_matchers: r.sourceMatchers, target_matchers: r.targetMatchers, equal: r.equal })),
    receivers: settings.receivers.map((r) => renderReceiver(r, secrets, where)),
    time_intervals: settings.timeIntervals?.map((t) => ({
      name: t.name,
      time_intervals: t.intervals.map((i) =>
        compact({
          weekdays: i.weekdays,
          times: i.times?.map((r) => ({ start_time: r.start, end_time: r.end })),
          days_of_month: i.daysOfMonth,
          months: i.months,
        }),
      ),
    })),
  });
}
