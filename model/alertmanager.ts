import { z } from 'zod';
import { hhmm, matcher, labelName, secretName, hostPort, email, duration } from '../lib/schema';

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
