import { Construct } from 'constructs';
import { TerraformVariable } from 'cdktf';
import { DockerHost } from './docker-host';
import { DockerService, httpHealthcheck } from './docker-service';
import { AlertReceiver, PrometheusServer } from './prometheus-server';
import { secretVariable } from './secrets';
import { compact, toYaml } from '../../lib/yaml';
import { Receiver, Route, WebhookReceiver, TimeInterval, InhibitRule, SmtpSettings } from '../../model/alertmanager';

export interface AlertmanagerProps {
  readonly host: DockerHost;
  /** Container and volume name prefix, e.g. the environment. */
  readonly namePrefix: string;
  /** @default prom/alertmanager:v0.34.0 (checked with amtool 0.33, the newest Debian carries) */
  readonly image?: string;
  /** @default 5m */
  readonly resolveTimeout?: string;
  readonly smtp?: SmtpSettings;
  readonly route: Route;
  readonly receivers: Receiver[];
  /** @default none */
  readonly inhibitRules?: InhibitRule[];
  /** Named time intervals (maintenance windows) routes can mute during. @default none */
  readonly timeIntervals?: TimeInterval[];
  /** Host port of the UI and API, bound to 127.0.0.1. @default 9093 */
  readonly port?: number;
  /** @default 256 */
  readonly memoryMb?: number;
  /** Servers whose alerts this Alertmanager receives. @default none */
  readonly prometheus?: PrometheusServer[];
}

export const ALERTMANAGER_PORT = 9093;
const CONFIG_PATH = '/etc/alertmanager/alertmanager.yml';
/** Where secret files live in the container; alertmanager.yml names them with *_file keys. */
export const SECRETS_DIR = '/etc/alertmanager/secrets';

/**
 * An Alertmanager in a container, its alertmanager.yml rendered from typed props. Every
 * credential is a file uploaded from a sensitive Terraform variable and referenced with
 * the *_file settings, so the config itself never holds a secret.
 */
export class Alertmanager extends Construct implements AlertReceiver {
  readonly service: DockerService;
  private readonly props: AlertmanagerProps;
  private readonly secrets = new Map<string, TerraformVariable>();

  constructor(scope: Construct, id: string, props: AlertmanagerProps) {
    super(scope, id);
    this.props = props;
    this.service = new DockerService(this, 'service', {
      host: props.host,
      name: `${props.namePrefix}-alertmanager`,
      image: props.image ?? 'prom/alertmanager:v0.34.0',
      command: [
        `--config.file=${CONFIG_PATH}`,
        '--storage.path=/alertmanager',
        '--data.retention=120h',
        // A single instance: no gossip port is opened.
        '--cluster.listen-address=',
      ],
      ports: [{ internal: ALERTMANAGER_PORT, external: props.port ?? ALERTMANAGER_PORT }],
      volumes: { '/alertmanager': `${props.namePrefix}-alertmanager-data` },
      healthcheck: httpHealthcheck(ALERTMANAGER_PORT, '/-/healthy'),
      memoryMb: props.memoryMb ?? 256,
    });
    // Rendering registers every secret the config names; do it now so the files are uploaded.
    const config = this.configObject();
    this.service.addFile(CONFIG_PATH, () => toYaml(config));
    for (const [name, variable] of this.secrets) {
      this.service.addSecretFile(`${SECRETS_DIR}/${name}`, variable);
    }
    for (const p of props.prometheus ?? []) {
      p.sendAlertsTo(this);
      // Watched like any target: its notifications and config reloads have generated alerts.
      p.addScrapeJob('alertmanager').addTargets([this.alertmanagerTarget]);
    }
  }

  get alertmanagerTarget(): string {
    return `${this.service.name}:${ALERTMANAGER_PORT}`;
  }

  /** Names of the sensitive variables this Alertmanager reads. */
  get secretNames(): string[] {
    return [...this.secrets.keys()];
  }

  private secretFile(name: string, description: string): string {
    if (!this.secrets.has(name)) this.secrets.set(name, secretVariable(this, name, description));
    return `${SECRETS_DIR}/${name}`;
  }

  /** alertmanager.yml as data, before YAML rendering. */
  configObject(): Record<string, unknown> {
    const p = this.props;
    const smtp = p.smtp;
    return compact({
      global: compact({
        resolve_timeout: p.resolveTimeout ?? '5m',
        smtp_from: smtp?.from,
        smtp_smarthost: smtp?.smarthost,
        smtp_auth_username: smtp?.authUsername,
        smtp_auth_password_file: smtp?.authPasswordSecret
          ? this.secretFile(smtp.authPasswordSecret, 'SMTP password Alertmanager sends e-mail with')
          : undefined,
        smtp_require_tls: smtp ? (smtp.requireTls ?? true) : undefined,
      }),
      route: this.renderRoute(p.route),
      inhibit_rules: p.inhibitRules?.map((r) =>
        compact({ source_matchers: r.sourceMatchers, target_matchers: r.targetMatchers, equal: r.equal }),
      ),
      receivers: p.receivers.map((r) => this.renderReceiver(r)),
      time_intervals: p.timeIntervals?.map((t) => ({
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

  /** `url`, or `url_file` naming the secret file that holds it. */
  private webhookUrl(w: WebhookReceiver, receiver: string): { url: string } | { url_file: string } {
    if (w.url !== undefined) return { url: w.url };
    if (w.urlSecret === undefined) throw new Error(`${this.node.path}: webhook of receiver ${receiver} needs url or urlSecret`);
    return { url_file: this.secretFile(w.urlSecret, `Webhook URL of receiver ${receiver}`) };
  }

  private renderRoute(r: Route): Record<string, unknown> {
    return compact({
      receiver: r.receiver,
      group_by: r.groupBy,
      group_wait: r.groupWait,
      group_interval: r.groupInterval,
      repeat_interval: r.repeatInterval,
      matchers: r.matchers,
      continue: r.continue,
      mute_time_intervals: r.muteTimeIntervals,
      routes: r.routes?.map((child) => this.renderRoute(child)),
    });
  }

  private renderReceiver(r: Receiver): Record<string, unknown> {
    return compact({
      name: r.name,
      email_configs: r.email?.map((e) =>
        compact({
          to: e.to,
          from: e.from,
          smarthost: e.smarthost,
          auth_username: e.authUsername,
          auth_password_file: e.authPasswordSecret
            ? this.secretFile(e.authPasswordSecret, `SMTP password for e-mail to ${e.to}`)
            : undefined,
          headers: e.headers ? { ...e.headers } : undefined,
          send_resolved: e.sendResolved,
        }),
      ),
      slack_configs: r.slack?.map((s) =>
        compact({
          api_url_file: this.secretFile(s.apiUrlSecret, `Slack incoming-webhook URL for ${s.channel}`),
          channel: s.channel,
          title: s.title,
          text: s.text,
          send_resolved: s.sendResolved,
        }),
      ),
      pagerduty_configs: r.pagerduty?.map((d) =>
        compact({
          service_key_file: this.secretFile(d.serviceKeySecret, `PagerDuty integration key of receiver ${r.name}`),
          description: d.description,
          send_resolved: d.sendResolved,
        }),
      ),
      webhook_configs: r.webhook?.map((w) => compact({ ...this.webhookUrl(w, r.name), send_resolved: w.sendResolved ?? true })),
    });
  }
}
