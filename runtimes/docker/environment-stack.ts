import { Construct } from 'constructs';
import { TerraformOutput, TerraformStack } from 'cdktf';
import { BasicAuthCredential, CertificateAuthority } from './certificates';
import { DockerHost } from './docker-host';
import { PrometheusServer } from './prometheus-server';
import { Alertmanager } from './alertmanager';
import { Exporter, ExporterSecurity } from './exporter';
import { LokiPromtail } from './loki-promtail';
import { Jaeger } from './jaeger';
import { GrafanaWithDashboards } from './grafana-with-dashboards';
import { dashboardsFor } from '../../environments';
import { DashboardSet } from '../../environments/environment';
import { EnvironmentSpec, JobSpec, validateSpec } from '../../environments/spec';
import { compact } from '../../lib/yaml';
import { withHeartbeat } from '../../model/alertmanager';
import { GENERATED_ALERT_DEFAULTS, generatedRuleGroups, pipelineRuleGroup, WATCHDOG_ALERT } from '../../lib/generated-rules';
import { TestedRuleGroup } from '../../lib/rule-tests';
import { lintStack } from '../../lib/lint-environment';
import { formatFinding } from '../../lib/lint';
import { SloRuleGroup, sloRuleGroups } from '../../model/slo';
import { sloDashboard } from '../../model/dashboards/slo';
import { applyBackend } from '../state-backend';

/** The constructs an environment is made of, for code (and tests) that build on them. */
export interface EnvironmentParts {
  readonly hosts: ReadonlyMap<string, DockerHost>;
  readonly prometheus: PrometheusServer;
  readonly alertmanager: Alertmanager;
  readonly exporters: readonly Exporter[];
  /** Loki and Alloy, when the spec has logs. */
  readonly logs?: LokiPromtail;
  /** Jaeger, when the spec has traces. */
  readonly traces?: Jaeger;
  readonly grafana: GrafanaWithDashboards;
}

/**
 * One Terraform stack per environment, built from its validated spec. Reading this class top
 * to bottom tells what runs where and who talks to whom.
 */
export class EnvironmentStack extends TerraformStack {
  readonly spec: EnvironmentSpec;
  readonly parts: EnvironmentParts;
  /** The rule groups Prometheus loads, the spec's and the generated ones, each rule with its tests. */
  readonly ruleGroups: readonly TestedRuleGroup[];
  /** The rule groups generated from the spec's SLOs, one per SLO (also in ruleGroups). */
  readonly sloRuleGroups: readonly SloRuleGroup[];
  private tlsParts?: { readonly authority: CertificateAuthority; readonly scraper: BasicAuthCredential };

  /**
   * @param dashboards the environment's own dashboards @default those of the registry entry of its name (environments/index.ts)
   */
  constructor(scope: Construct, rawSpec: unknown, dashboards?: DashboardSet) {
    // Validate before any construct exists: a bad spec leaves nothing half-built.
    const spec = validateSpec(rawSpec);
    super(scope, spec.name);
    this.spec = spec;
    applyBackend(this, spec.name, spec.backend);
    const { monitoring: content, runtime: { docker } } = spec;

    // Docker hosts: the monitoring host runs the stack; others run host-level exporters.
    const hosts = new Map<string, DockerHost>();
    for (const [name, host] of Object.entries(docker.hosts)) {
      hosts.set(
        name,
        new DockerHost(this, name, {
          engine: host.engine as 'local' | `ssh://${string}`,
          address: host.address,
          network: host.network ? { name: spec.name, ...host.network } : undefined,
        }),
      );
    }
    const monitoring = hosts.get(docker.monitoringHost)!;

    // Prometheus names every host of the environment, so targets and instance labels read
    // "pc:9403" rather than an IP: the monitoring host is its stack network's gateway.
    const prometheus = new PrometheusServer(this, 'prometheus', {
      host: monitoring,
      namePrefix: spec.name,
      scrapeInterval: content.prometheus.scrapeInterval,
      evaluationInterval: content.prometheus.evaluationInterval,
      externalLabels: content.prometheus.externalLabels,
      retentionTime: content.prometheus.retentionTime,
      retentionSize: content.prometheus.retentionSize,
      extraHosts: Object.fromEntries([...hosts].map(([name, h]) => [name, h === monitoring ? h.gateway : h.address])),
    });

    const alertmanager = new Alertmanager(this, 'alertmanager', {
      host: monitoring,
      namePrefix: spec.name,
      ...withHeartbeat(content.alertmanager, WATCHDOG_ALERT),
      prometheus: [prometheus],
    });

    const exporters = content.jobs.flatMap((job) => this.addJob(job, prometheus, hosts));

    for (const group of content.ruleGroups) prometheus.addRuleGroup(group);

    // Logs and traces, before Grafana, which is given them. Alloy ships the monitoring host's logs to Loki beside it; Prometheus scrapes all three.
    // An Alloy on each of logs.otherHosts ships that machine's logs to Loki over the LAN.
    const logs =
      content.logs &&
      new LokiPromtail(this, 'logs', {
        host: monitoring,
        namePrefix: spec.name,
        ...content.logs,
        otherHosts: Object.entries(content.logs.otherHosts ?? {}).map(([name, sources]) => ({ host: hosts.get(name)!, ...sources })),
        prometheus,
        // Other hosts push over the LAN, through a gateway with the environment's certificate.
        authority: Object.keys(content.logs.otherHosts ?? {}).length ? this.tls().authority : undefined,
      });
    const traces = content.traces && new Jaeger(this, 'traces', { host: monitoring, namePrefix: spec.name, ...content.traces, prometheus });

    // Grafana on the monitoring host: a data source per backend, the environment's dashboards in one folder.
    const grafana = new GrafanaWithDashboards(this, 'grafana', { host: monitoring, namePrefix: spec.name, prometheus, logs, traces });
    for (const model of dashboardsFor(spec.name, grafana.dataSources, dashboards)) grafana.addDashboard(model);
    const slos = content.slos ?? [];
    if (slos.length) grafana.addDashboard(sloDashboard(spec.name, grafana.dataSources.prometheus, slos));

    // Alerts for what the rules cannot see, now that every scrape job is known: a target down,
    // a metric vanished. Prometheus's watch of itself is left out: a Prometheus that is down cannot say so.
    const settings = { ...GENERATED_ALERT_DEFAULTS, ...compact(content.generatedAlerts ?? {}) };
    const generated = [
      ...generatedRuleGroups({
        environment: spec.name,
        settings,
        ruleGroups: content.ruleGroups,
        jobs: prometheus.scrapeJobs.filter((job) => job.name !== 'prometheus'),
      }),
      // The watch on the watchers: the Watchdog for the heartbeat, and the notification path.
      pipelineRuleGroup(spec.name, settings, {
        prometheus: { job: 'prometheus', instance: prometheus.scrapeJobs.find((j) => j.name === 'prometheus')!.staticConfigs[0].targets[0] },
        alertmanager: { job: 'alertmanager', instance: alertmanager.alertmanagerTarget },
      }),
    ];
    for (const group of generated) prometheus.addRuleGroup(group);
    // Each SLO's records and burn-rate alerts, in a group of its own.
    this.sloRuleGroups = sloRuleGroups(spec.name, slos);
    for (const group of this.sloRuleGroups) prometheus.addRuleGroup(group);
    this.ruleGroups = [...content.ruleGroups, ...generated, ...this.sloRuleGroups];
    prometheus.addRuleTests(this.ruleGroups, spec.name);

    this.parts = { hosts, prometheus, alertmanager, exporters, grafana, logs, traces };

    // The monitoring lint runs at every synth, Testing.synth(stack, true) included: a finding fails it.
    this.node.addValidation({ validate: () => lintStack(this).map(formatFinding) });
  }

  /**
   * The environment's CA and the user Prometheus scrapes TLS endpoints as, made on first use.
   * The CA certificate is an output, for clients outside the stack (pc's push scripts).
   */
  private tls(): { readonly authority: CertificateAuthority; readonly scraper: BasicAuthCredential } {
    if (!this.tlsParts) {
      const authority = new CertificateAuthority(this, 'certificate-authority', { environment: this.spec.name, source: this.spec.runtime.docker.tls?.certificates });
      new TerraformOutput(this, 'ca-certificate', { value: authority.caCertPem, description: `The CA that signs ${this.spec.name}'s TLS endpoints; clients verify them with it` });
      this.tlsParts = { authority, scraper: new BasicAuthCredential(this, 'prometheus-scrape-user', { username: 'prometheus' }) };
    }
    return this.tlsParts;
  }

  /** A user of one endpoint, with a password Terraform makes; the password is a sensitive output (`terraform output -raw <id>-password`). */
  private user(endpoint: string, username: string): BasicAuthCredential {
    const user = new BasicAuthCredential(this, `${endpoint}-${username}-user`, { username });
    new TerraformOutput(this, `${endpoint}-${username}-password`, { value: user.password, sensitive: true, description: `The password of user ${username} of ${endpoint}` });
    return user;
  }

  /** One job of the spec: exporter containers, existing endpoints, or service discovery. */
  private addJob(job: JobSpec, prometheus: PrometheusServer, hosts: ReadonlyMap<string, DockerHost>): Exporter[] {
    const jobOptions = compact({
      metricsPath: job.metricsPath,
      scheme: job.scheme,
      scrapeInterval: job.scrapeInterval,
      scrapeTimeout: job.scrapeTimeout,
      honorLabels: job.honorLabels,
      relabelConfigs: job.relabelConfigs,
      metricRelabelConfigs: job.metricRelabelConfigs,
      kubernetesSdConfigs: job.kubernetesSdConfigs,
      consulSdConfigs: job.consulSdConfigs,
    });
    if (job.exporter) {
      const ex = job.exporter;
      // Validation made sure every exporter job is placed.
      const placement = this.spec.runtime.docker.placements![job.name];
      // The spec's validation made sure tls and authentication come together, and that whatever reaches the LAN has them.
      const security: ExporterSecurity | undefined = placement.tls && placement.authentication
        ? { ...this.tls(), users: (placement.authentication.users ?? []).map((u) => this.user(job.name, u)) }
        : undefined;
      return placement.on.map(
        (hostName) =>
          new Exporter(this, `${job.name}-${hostName}`, {
            prometheus,
            job: job.name,
            jobOptions,
            labels: { ...job.labels, machine: hostName },
            container: {
              kind: ex.kind,
              host: hosts.get(hostName)!,
              namePrefix: this.spec.name,
              publish: placement.publish,
              postgres: ex.postgres,
              redisAddress: ex.redisAddress,
              probe: ex.probe,
              security,
            },
          }),
      );
    }
    if (job.targets) {
      // Targets on the environment's own hosts carry machine=<host>; others only the job labels.
      const byMachine = new Map<string | undefined, string[]>();
      for (const t of job.targets) {
        const [machine, address] = typeof t === 'string' ? [undefined, t] : [t.host, `${t.host}:${t.port}`];
        byMachine.set(machine, [...(byMachine.get(machine) ?? []), address]);
      }
      return [...byMachine].map(
        ([machine, endpoints]) =>
          new Exporter(this, machine ? `${job.name}-${machine}` : job.name, {
            prometheus,
            job: job.name,
            jobOptions,
            labels: machine ? { ...job.labels, machine } : job.labels,
            endpoints,
          }),
      );
    }
    // Service discovery finds the targets at run time.
    prometheus.addScrapeJob(job.name, jobOptions);
    return [];
  }
}
