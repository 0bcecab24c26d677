import { Construct } from 'constructs';
import { DockerHost } from './docker-host';
import { DockerService, httpHealthcheck } from './docker-service';
import { toYaml } from '../../lib/yaml';
import { ScrapeJob, ScrapeJobOptions } from '../../model/scrape-jobs';
import { RuleGroup, ruleFileName, renderRuleFile } from '../../model/rules';
import { BasicAuthCredential, CertificateAuthority } from './certificates';
import { promtoolTestFiles, TestedRuleGroup } from '../../lib/rule-tests';
import { ConfigError, fieldError } from '../../lib/errors';
import { renderPrometheusConfig, PrometheusConfig } from '../../model/prometheus';

export interface PrometheusServerProps {
  readonly host: DockerHost;
  /** @default prom/prometheus:v2.45.0 */
  readonly image?: string;
  /** @default 15s */
  readonly scrapeInterval?: string;
  /** @default 15s */
  readonly evaluationInterval?: string;
  /** Labels added to every series and alert leaving this server. @default none */
  readonly externalLabels?: Readonly<Record<string, string>>;
  /** How long the TSDB keeps samples. @default 15d */
  readonly retentionTime?: string;
  /** Size cap of the TSDB, e.g. "100GB". @default no cap */
  readonly retentionSize?: string;
  /** Host port of the web UI and API, bound to 127.0.0.1. @default 9090 */
  readonly port?: number;
  /** @default 2048 */
  readonly memoryMb?: number;
  /** Name prefix of the container and volume, e.g. the environment. */
  readonly namePrefix: string;
  /** Extra /etc/hosts entries, so that scrape targets can be named. @default none */
  readonly extraHosts?: Readonly<Record<string, string>>;
}

/** Where Prometheus sends alerts; implemented by Alertmanager. */
export interface AlertReceiver {
  /** host:port of the Alertmanager API on the stack network. */
  readonly alertmanagerTarget: string;
}

/**
 * What other constructs need of a Prometheus: to register scrape jobs with it, to send it to an
 * Alertmanager, and, for Grafana, its URL. Exporter, Grafana, Loki, Promtail, Jaeger and
 * Alertmanager take this, not the class.
 */
export interface IPrometheus {
  /** http://<alias>:9090, for containers on the stack network. */
  readonly url: string;
  readonly scrapeInterval: string;
  /** The Docker host it runs on: a bridge exporter beside it is reached by its alias. */
  readonly host: DockerHost;
  /** Host names it resolves, which exporters probing the same targets resolve too. */
  readonly extraHosts: Readonly<Record<string, string>>;
  addScrapeJob(name: string, options?: ScrapeJobOptions): ScrapeJob;
  findScrapeJob(name: string): ScrapeJob | undefined;
  sendAlertsTo(receiver: AlertReceiver): void;
  /** Scrape options for a TLS endpoint: https, trusting the CA, as the user (uploads both files). */
  tlsScrapeOptions(authority: CertificateAuthority, user: BasicAuthCredential): Pick<ScrapeJobOptions, 'scheme' | 'tlsConfig' | 'basicAuth'>;
}

export const PROMETHEUS_PORT = 9090;
const CONFIG_PATH = '/etc/prometheus/prometheus.yml';
const CA_FILE = '/etc/prometheus/tls/ca.crt';
const SECRETS_DIR = '/etc/prometheus/secrets';
export const RULES_DIR = '/etc/prometheus/rules';
/** Where each rule's promtool tests are uploaded: `promtool test rules /etc/prometheus/tests/*.yml` in the container. */
export const RULE_TESTS_DIR = '/etc/prometheus/tests';

/**
 * A Prometheus server in a container: prometheus.yml and one rule file per rule group are
 * rendered from typed objects at synth time; the TSDB lives on a named volume.
 */
export class PrometheusServer extends Construct implements IPrometheus {
  readonly service: DockerService;
  readonly scrapeInterval: string;
  readonly evaluationInterval: string;
  readonly externalLabels: Readonly<Record<string, string>>;
  /** Host names the server resolves (so do exporters that reach the same targets). */
  readonly extraHosts: Readonly<Record<string, string>>;
  private readonly jobs = new Map<string, ScrapeJob>();
  private readonly groups = new Map<string, RuleGroup>();
  private readonly alertmanagers: AlertReceiver[] = [];
  private readonly uploaded = new Set<string>();

  constructor(scope: Construct, id: string, props: PrometheusServerProps) {
    super(scope, id);
    this.scrapeInterval = props.scrapeInterval ?? '15s';
    this.evaluationInterval = props.evaluationInterval ?? '15s';
    this.externalLabels = props.externalLabels ?? {};
    this.extraHosts = props.extraHosts ?? {};
    const retentionSize = props.retentionSize ? [`--storage.tsdb.retention.size=${props.retentionSize}`] : [];
    this.service = new DockerService(this, 'service', {
      host: props.host,
      name: `${props.namePrefix}-prometheus`,
      image: props.image ?? 'prom/prometheus:v3.13.2',
      command: [
        `--config.file=${CONFIG_PATH}`,
        '--storage.tsdb.path=/prometheus',
        `--storage.tsdb.retention.time=${props.retentionTime ?? '15d'}`,
        // The retention flags still work in 3.13 (deprecated in favour of prometheus.yml's
        // storage.tsdb.retention, which promtool 3.5 does not know yet). The console flags went
        // with the console files, which 3.0 dropped from the image.
        ...retentionSize,
      ],
      ports: [{ internal: PROMETHEUS_PORT, external: props.port ?? PROMETHEUS_PORT }],
      volumes: { '/prometheus': `${props.namePrefix}-prometheus-data` },
      healthcheck: httpHealthcheck(PROMETHEUS_PORT, '/-/healthy'),
      memoryMb: props.memoryMb ?? 2048,
      extraHosts: props.extraHosts,
      joinNetworks: props.host.scrapeNetworks,
    });
    this.service.addFile(CONFIG_PATH, () => this.renderConfig());
    // Prometheus watches its own health too.
    this.addScrapeJob('prometheus').addTargets([`localhost:${PROMETHEUS_PORT}`]);
  }

  get host(): DockerHost {
    return this.service.host;
  }

  /** http://<alias>:9090, for Grafana and other containers on the stack network. */
  get url(): string {
    return this.service.url(PROMETHEUS_PORT);
  }

  /**
   * The scrape options for servers that serve TLS with the authority's certificates and let in
   * `user`: https, the CA to verify them with, and basic auth with the password read from a
   * file. The CA and the password are uploaded into the container once.
   */
  tlsScrapeOptions(authority: CertificateAuthority, user: BasicAuthCredential): Pick<ScrapeJobOptions, 'scheme' | 'tlsConfig' | 'basicAuth'> {
    const passwordFile = `${SECRETS_DIR}/${user.username}-password`;
    for (const [file, content] of [[CA_FILE, authority.caCertPem], [passwordFile, user.password]]) {
      if (this.uploaded.has(file)) continue;
      this.uploaded.add(file);
      this.service.addFile(file, () => content);
    }
    return { scheme: 'https', tlsConfig: { caFile: CA_FILE }, basicAuth: { username: user.username, passwordFile } };
  }

  /** Adds a scrape job; its targets are added to the job it returns. Names are unique. */
  addScrapeJob(name: string, options: ScrapeJobOptions = {}): ScrapeJob {
    if (this.jobs.has(name)) {
      throw fieldError(this, 'scrape job name', name, 'a name no other scrape job of this server has');
    }
    const job = new ScrapeJob(name, options);
    this.jobs.set(name, job);
    return job;
  }

  /** The scrape job of this name, if any. */
  findScrapeJob(name: string): ScrapeJob | undefined {
    return this.jobs.get(name);
  }

  get scrapeJobs(): ScrapeJob[] {
    return [...this.jobs.values()];
  }

  /** Adds a rule group, rendered to its own rule file. Names are unique. */
  addRuleGroup(group: RuleGroup): RuleGroup {
    if (this.groups.has(group.name)) {
      throw fieldError(this, 'rule group name', group.name, 'a name no other rule group of this server has');
    }
    this.groups.set(group.name, group);
    this.service.addFile(`${RULES_DIR}/${ruleFileName(group.name)}`, () => renderRuleFile([group]));
    return group;
  }

  /**
   * Uploads the promtool tests of every tested rule of these groups (one file per rule, its
   * rule_files naming the deployed rule file), so that the server can prove its own rules.
   */
  addRuleTests(groups: readonly TestedRuleGroup[], environment: string): void {
    const options = { environment, evaluationInterval: this.evaluationInterval, ruleFile: (group: string) => `${RULES_DIR}/${ruleFileName(group)}` };
    for (const group of groups) {
      for (const rule of group.rules.filter((r) => r.tests !== undefined)) {
        // Tests that cannot be written are not this construct's to refuse: the rule-test suite
        // (promtoolTestFiles over every environment) names them; the rule goes without a test file.
        let files: ReturnType<typeof promtoolTestFiles>;
        try {
          files = promtoolTestFiles([{ ...group, rules: [rule] }], options);
        } catch (error) {
          if (error instanceof ConfigError) continue;
          throw error;
        }
        for (const f of files) this.service.addFile(`${RULE_TESTS_DIR}/${f.fileName}`, () => f.content);
      }
    }
  }

  get ruleGroups(): RuleGroup[] {
    return [...this.groups.values()];
  }

  /** Sends this server's alerts to an Alertmanager. */
  sendAlertsTo(receiver: AlertReceiver): void {
    this.alertmanagers.push(receiver);
  }

  /** prometheus.yml as data, before YAML rendering. */
  configObject(): PrometheusConfig {
    return renderPrometheusConfig({
      scrapeInterval: this.scrapeInterval,
      evaluationInterval: this.evaluationInterval,
      externalLabels: this.externalLabels,
      alertmanagers: this.alertmanagers.map((a) => a.alertmanagerTarget),
      ruleFiles: this.groups.size ? [`${RULES_DIR}/*.yml`] : undefined,
      jobs: this.scrapeJobs,
    });
  }

  renderConfig(): string {
    return toYaml(this.configObject());
  }
}
