import { compact } from '../lib/yaml';
import type { InhibitRule, Receiver, Route, SmtpSettings, TimeInterval } from './alertmanager';
import { fieldError } from '../lib/errors';

/**
 * alertmanager.yml as a typed document, rendered from an environment's routes and receivers
 * whatever runs Alertmanager. Credentials are never in it: the runtime says where each one is
 * (`AlertmanagerSecrets`): a file it mounts from a sensitive variable (Docker uploads one, the
 * operator mounts a Secret's key), named with the *_file settings.
 */

/** What the configuration says about Alertmanager's routes and receivers. */
export interface AlertmanagerSettings {
  /** @default 5m */
  readonly resolveTimeout?: string;
  readonly smtp?: SmtpSettings;
  readonly route: Route;
  readonly receivers: readonly Receiver[];
  readonly inhibitRules?: readonly InhibitRule[];
  readonly timeIntervals?: readonly TimeInterval[];
  /** Notification template files Alertmanager loads (globs where the runtime puts them). @default none */
  readonly templateFiles?: readonly string[];
}

/** How the runtime provides each credential the configuration names. */
export interface AlertmanagerSecrets {
  /** The path of the file holding the sensitive variable `name`'s value. */
  file(name: string, description: string): string;
}

export interface RouteDocument {
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

export interface EmailConfigDocument {
  to: string;
  from?: string;
  smarthost?: string;
  auth_username?: string;
  auth_password_file?: string;
  headers?: Record<string, string>;
  text?: string;
  send_resolved?: boolean;
}

export interface SlackConfigDocument {
  api_url_file: string;
  channel: string;
  title?: string;
  text?: string;
  send_resolved?: boolean;
}

export interface PagerdutyConfigDocument {
  service_key_file: string;
  description?: string;
  send_resolved?: boolean;
}

export type WebhookConfigDocument = ({ url: string } | { url_file: string }) & { send_resolved: boolean };

export interface ReceiverDocument {
  name: string;
  email_configs?: EmailConfigDocument[];
  slack_configs?: SlackConfigDocument[];
  pagerduty_configs?: PagerdutyConfigDocument[];
  webhook_configs?: WebhookConfigDocument[];
}

export interface GlobalDocument {
  resolve_timeout: string;
  smtp_from?: string;
  smtp_smarthost?: string;
  smtp_auth_username?: string;
  smtp_auth_password_file?: string;
  smtp_require_tls?: boolean;
}

export interface TimeIntervalDocument {
  weekdays?: string[];
  times?: Array<{ start_time: string; end_time: string }>;
  days_of_month?: string[];
  months?: string[];
}

export interface AlertmanagerConfigDocument {
  global: GlobalDocument;
  templates?: string[];
  route: RouteDocument;
  inhibit_rules?: Array<{ source_matchers: string[]; target_matchers: string[]; equal?: string[] }>;
  receivers: ReceiverDocument[];
  time_intervals?: Array<{ name: string; time_intervals: TimeIntervalDocument[] }>;
}

function routeDocument(r: Route): RouteDocument {
  return compact({
    receiver: r.receiver,
    group_by: r.groupBy,
    group_wait: r.groupWait,
    group_interval: r.groupInterval,
    repeat_interval: r.repeatInterval,
    matchers: r.matchers,
    continue: r.continue,
    mute_time_intervals: r.muteTimeIntervals,
    routes: r.routes?.map(routeDocument),
  });
}

function receiverDocument(r: Receiver, secrets: AlertmanagerSecrets): ReceiverDocument {
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
        text: e.text,
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
    webhook_configs: r.webhook?.map((w) => {
      if (w.url === undefined && w.urlSecret === undefined) throw fieldError('alertmanager', `receivers "${r.name}" webhook`, w, 'exactly one of url or urlSecret');
      const url = w.url !== undefined ? { url: w.url } : { url_file: secrets.file(w.urlSecret!, `Webhook URL of receiver ${r.name}`) };
      return { ...url, send_resolved: w.sendResolved ?? true };
    }),
  });
}

/** alertmanager.yml as data, before YAML rendering. */
export function alertmanagerConfigDocument(settings: AlertmanagerSettings, secrets: AlertmanagerSecrets): AlertmanagerConfigDocument {
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
    templates: settings.templateFiles?.length ? [...settings.templateFiles] : undefined,
    route: routeDocument(settings.route),
    inhibit_rules: settings.inhibitRules?.map((r) => compact({ source_matchers: r.sourceMatchers, target_matchers: r.targetMatchers, equal: r.equal })),
    receivers: settings.receivers.map((r) => receiverDocument(r, secrets)),
    time_intervals: settings.timeIntervals?.map((t) => ({
      name: t.name,
      time_intervals: t.intervals.map((i) =>
        compact({
          weekdays: i.weekdays,
          times: i.times?.map((range) => ({ start_time: range.start, end_time: range.end })),
          days_of_month: i.daysOfMonth,
          months: i.months,
        }),
      ),
    })),
  });
}
