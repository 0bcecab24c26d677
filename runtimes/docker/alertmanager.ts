import { Construct } from 'constructs';
import { TerraformVariable } from 'cdktf';
import { DockerHost } from './docker-host';
import { DockerService, httpHealthcheck } from './docker-service';
import { AlertReceiver, IPrometheus } from './prometheus-server';
import { secretVariable } from '../../lib/terraform';
import { toYaml } from '../../lib/yaml';
import { alertmanagerConfigDocument, AlertmanagerConfigDocument } from '../../model/alertmanager-config';
import { Receiver, Route, TimeInterval, InhibitRule, SmtpSettings } from '../../model/alertmanager';

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
  readonly prometheus?: IPrometheus[];
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

  /** alertmanager.yml as data, before YAML rendering (model/alertmanager-config.ts). */
  configObject(): AlertmanagerConfigDocument {
    return alertmanagerConfigDocument(this.props, { file: (name, description) => this.secretFile(name, description) });
  }
}
