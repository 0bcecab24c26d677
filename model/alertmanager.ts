import { z } from 'zod';
import { hhmm, matcher, labelName, secretName, hostPort, email, duration } from '../lib/schema';
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

export interface EmailReceiver {
  readonly to: string;
  /** @default the global smtp from */
  readonly from?: string;
  /** @default the global smarthost */
  readonly smarthost?: string;
  /** @default the global auth username */
  readonly authUsername?: string;
  /** Sensitive variable holding the SMTP password. @default the global one */
  readonly authPasswordSecret?: string;
  readonly headers?: Readonly<Record<string, string>>;
  /** @default false */
  readonly sendResolved?: boolean;
}

export interface SlackReceiver {
  /** Sensitive variable holding the incoming-webhook URL. */
  readonly apiUrlSecret: string;
  readonly channel: string;
  readonly title?: string;
  readonly text?: string;
  /** @default false */
  readonly sendResolved?: boolean;
}

export interface PagerDutyReceiver {
  /** Sensitive variable holding the PagerDuty integration (service) key. */
  readonly serviceKeySecret: string;
  readonly description?: string;
  /** @default true */
  readonly sendResolved?: boolean;
}

export interface WebhookReceiver {
  /** The URL alerts are POSTed to... */
  readonly url?: string;
  /**
   * ...or the sensitive variable holding it, for URLs that carry a token: uploaded as a secret
   * file that alertmanager.yml names with `url_file`, like every other secret.
   */
  readonly urlSecret?: string;
  /** @default true */
  readonly sendResolved?: boolean;
}

export interface Receiver {
  readonly name: string;
  readonly email?: EmailReceiver[];
  readonly slack?: SlackReceiver[];
  readonly pagerduty?: PagerDutyReceiver[];
  readonly webhook?: WebhookReceiver[];
}

export interface InhibitRule {
  readonly sourceMatchers: string[];
  readonly targetMatchers: string[];
  /** Labels that must be equal in source and target. @default none */
  readonly equal?: string[];
}

export interface TimeRange {
  /** "HH:MM", 24-hour. */
  readonly start: string;
  readonly end: string;
}

export interface TimeInterval {
  readonly name: string;
  readonly intervals: {
    readonly weekdays?: string[];
    readonly times?: TimeRange[];
    readonly daysOfMonth?: string[];
    readonly months?: string[];
  }[];
}

export interface SmtpSettings {
  readonly from: string;
  /** host:port */
  readonly smarthost: string;
  readonly authUsername?: string;
  /** Sensitive variable holding the SMTP password. */
  readonly authPasswordSecret?: string;
  /** @default true */
  readonly requireTls?: boolean;
}

export interface RouteSpecShape {
  receiver?: string;
  groupBy?: string[];
  groupWait?: string;
  groupInterval?: string;
  repeatInterval?: string;
  matchers?: string[];
  continue?: boolean;
  muteTimeIntervals?: string[];
  routes?: RouteSpecShape[];
}

const routeSpec: z.ZodType<RouteSpecShape> = z.lazy(() =>
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

const receiverSpec = z.strictObject({
  name: z.string().min(1),
  email: z
    .array(
      z.strictObject({
        to: email,
        from: email.optional(),
        smarthost: hostPort.optional(),
        authUsername: z.string().optional(),
        authPasswordSecret: secretName.optional(),
        headers: z.record(z.string(), z.string()).optional(),
        sendResolved: z.boolean().optional(),
      }),
    )
    .optional(),
  slack: z
    .array(
      z.strictObject({
        apiUrlSecret: secretName,
        channel: z.string().startsWith('#', { error: 'expected a channel such as "#alerts"' }),
        title: z.string().optional(),
        text: z.string().optional(),
        sendResolved: z.boolean().optional(),
      }),
    )
    .optional(),
  pagerduty: z
    .array(z.strictObject({ serviceKeySecret: secretName, description: z.string().optional(), sendResolved: z.boolean().optional() }))
    .optional(),
  webhook: z
    .array(
      z
        .strictObject({ url: z.url({ error: 'expected an http(s) URL' }).optional(), urlSecret: secretName.optional(), sendResolved: z.boolean().optional() })
        .refine((w) => (w.url === undefined) !== (w.urlSecret === undefined), { error: 'expected exactly one of url or urlSecret' }),
    )
    .optional(),
});

export const alertmanagerSpec = z.strictObject({
  resolveTimeout: duration.optional(),
  smtp: z
    .strictObject({
      from: email,
      smarthost: hostPort,
      authUsername: z.string().optional(),
      authPasswordSecret: secretName.optional(),
      requireTls: z.boolean().optional(),
    })
    .optional(),
  route: routeSpec,
  /**
   * The dead man's switch: the generated Watchdog alert, which always fires, goes to this URL
   * (a sensitive variable) every `repeatInterval`, and the service behind it pages when it stops.
   * @default no heartbeat
   */
  heartbeat: z.strictObject({ urlSecret: secretName, repeatInterval: duration.optional() }).optional(),
  /**
   * The receivers each severity must reach, in the order the routes reach them: checked with
   * `amtool config routes test` for every severity and every alert of the environment.
   */
  expectedReceivers: z.record(z.string(), z.array(z.string()).min(1)).optional(),
  receivers: z.array(receiverSpec).min(1),
  inhibitRules: z
    .array(z.strictObject({ sourceMatchers: z.array(matcher).min(1), targetMatchers: z.array(matcher).min(1), equal: z.array(labelName).optional() }))
    .optional(),
  timeIntervals: z
    .array(
      z.strictObject({
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
      }),
    )
    .optional(),
});

/** The receiver and route the heartbeat adds (see `withHeartbeat`). */
export const HEARTBEAT_RECEIVER = 'heartbeat';

/**
 * The Alertmanager settings with the heartbeat in place: a `heartbeat` receiver (a webhook to the
 * dead man's switch URL), and a first route that sends the Watchdog alert there alone, again every
 * `repeatInterval` (1m by default), without grouping it with anything.
 */
export function withHeartbeat<T extends { route: RouteSpecShape; receivers: readonly unknown[]; heartbeat?: { urlSecret: string; repeatInterval?: string } }>(
  am: T,
  watchdogAlert: string,
): T {
  if (!am.heartbeat) return am;
  const route: RouteSpecShape = {
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
