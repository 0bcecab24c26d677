import { Construct } from 'constructs';
import { DockerHost } from './docker-host';
import { DockerService, HostMount, tcpHealthcheck } from './docker-service';
import { PrometheusServer } from './prometheus-server';
import { fieldError } from '../../lib/errors';
import { compact, toYaml } from '../../lib/yaml';
import { FileJob, JOURNAL_JOB, SCRAPE_JOB_NAMES, JournalSource, DOCKER_JOB, PROMTAIL_PORT, fieldOf, checkLogSources, VAR_LOG_PATH, PipelineStage, LogSources } from '../../model/logs';
import { Loki, LokiAccess } from './loki';

const PROMTAIL_CONFIG_PATH = '/etc/promtail/promtail.yaml';
const POSITIONS_DIR = '/var/lib/promtail';
const PROMTAIL_PASSWORD_FILE = '/etc/promtail/secrets/loki-password';
const PROMTAIL_CA_FILE = '/etc/promtail/tls/ca.crt';
const DOCKER_SOCKET = '/var/run/docker.sock';

/**
 * The level of a container's line, wherever it says `level=info` (logfmt) or `"level": "INFO"`
 * (JSON). The alternatives are closed so that the label stays a handful of values.
 */
export const CONTAINER_LEVEL_EXPRESSION =
  '(?i)\\blevel"?\\s*[=:]\\s*"?(?P<level>trace|debug|info|notice|warning|warn|error|err|critical|crit|fatal|panic)\\b';

export interface PromtailProps extends LogSources {
  readonly host: DockerHost;
  /** Container and volume name prefix, e.g. the environment. */
  readonly namePrefix: string;
  /** The Loki it pushes to: beside it on the stack network, or over the LAN from another host. */
  readonly loki: Loki;
  /** Scrapes Promtail's own /metrics as job "promtail". @default not scraped */
  readonly prometheus?: PrometheusServer;
}

function escapeRegex(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function renderStages(stages: readonly PipelineStage[]): Record<string, unknown>[] {
  return stages.map((s) => {
    if (s.regex) return { regex: { expression: s.regex.expression } };
    if (s.json) return { json: { expressions: { ...s.json.expressions } } };
    if (s.timestamp) return { timestamp: { source: s.timestamp.source, format: s.timestamp.format } };
    return { labels: Object.fromEntries((s.labels ?? []).map((name) => [name, name])) };
  });
}

/**
 * Promtail 2.9 on one Docker host: container logs through the Docker API, systemd units from the
 * journal, and files under /var/log (or the host's log directories), each stream labelled job,
 * host, service (and level where it parses), pushed to a Loki given by object: on the stack
 * network beside it, or over the LAN from another host. Its read positions live on a named volume.
 */
export class Promtail extends Construct {
  readonly service: DockerService;
  /** The `host` label of every stream: the Docker host's name. */
  readonly hostLabel: string;
  /** Where it pushes: Loki's push API, on the stack network or over the LAN. */
  readonly clientUrl: string;
  /** How it pushes: the URL, and over the LAN its user and the CA. */
  private readonly access: LokiAccess;
  private readonly props: PromtailProps;

  constructor(scope: Construct, id: string, props: PromtailProps) {
    super(scope, id);
    this.props = props;
    this.hostLabel = props.host.name;
    this.validate();
    this.access = props.loki.pushAccessFrom(props.host);
    this.clientUrl = this.access.url;
    const files = props.files ?? [];
    const directories = props.directories ?? [];
    const hostMounts: HostMount[] = [];
    if (props.containers) {
      hostMounts.push({
        hostPath: DOCKER_SOCKET,
        containerPath: DOCKER_SOCKET,
        why: 'Docker service discovery lists the containers and reads their logs through the Docker API (read-only limits the mount, not the API: Promtail only lists and reads)',
      });
    }
    if (files.some((f) => f.paths.some((path) => VAR_LOG_PATH.test(path))) || props.journal) {
      hostMounts.push({ hostPath: '/var/log', containerPath: '/var/log', why: 'the log files the file jobs read, and the persistent journal in /var/log/journal' });
    }
    for (const dir of directories) {
      hostMounts.push({ hostPath: dir, containerPath: dir, why: 'log files a file job reads outside /var/log' });
    }
    if (props.journal) {
      hostMounts.push(
        { hostPath: '/run/log/journal', containerPath: '/run/log/journal', why: 'the volatile journal, on hosts that keep it in memory' },
        { hostPath: '/etc/machine-id', containerPath: '/etc/machine-id', why: 'the journal of this machine is found by its machine id' },
      );
    }
    this.service = new DockerService(this, 'service', {
      host: props.host,
      name: `${props.namePrefix}-promtail`,
      image: 'grafana/promtail:2.9.0',
      command: [`-config.file=${PROMTAIL_CONFIG_PATH}`],
      volumes: { [POSITIONS_DIR]: `${props.namePrefix}-promtail-positions` },
      hostMounts,
      // The image is Debian-based (journal support needs libsystemd) and has no wget or curl:
      // bash opens the port. /ready is not used: it fails while no file target exists yet.
      healthcheck: tcpHealthcheck(PROMTAIL_PORT),
      memoryMb: 256,
      // Pushes start once Loki is ready.
      dependsOn: [props.loki.service],
    });
    this.service.addFile(PROMTAIL_CONFIG_PATH, () => toYaml(this.configObject()));
    const { user, caCertPem } = this.access;
    if (user) this.service.addFile(PROMTAIL_PASSWORD_FILE, () => user.password);
    if (caCertPem) this.service.addFile(PROMTAIL_CA_FILE, () => caCertPem);
    props.prometheus?.addScrapeJob('promtail').addTargets([`${this.service.name}:${PROMTAIL_PORT}`]);
  }

  private validate(): void {
    const p = this.props;
    const problem = checkLogSources({ containers: p.containers, journal: p.journal, files: p.files, directories: p.directories });
    // An empty path is the sources as a whole: none was given.
    if (problem) throw fieldError(this, problem.path.length ? fieldOf(problem.path) : 'containers, journal, files', problem.given, problem.expected);
  }

  /** promtail.yaml as data, before YAML rendering. */
  configObject(): Record<string, unknown> {
    const p = this.props;
    return {
      // gRPC is unused: port 0 picks a free one.
      server: { http_listen_port: PROMTAIL_PORT, grpc_listen_port: 0 },
      positions: { filename: `${POSITIONS_DIR}/positions.yaml` },
      // The Loki construct gives the address: its alias on the stack network and its port, or
      // its host's LAN address and published port for a Promtail on another machine.
      // Over the LAN: TLS verified against the environment's CA, and basic auth as its host.
      clients: [
        compact({
          url: this.clientUrl,
          basic_auth: this.access.user ? { username: this.access.user.username, password_file: PROMTAIL_PASSWORD_FILE } : undefined,
          tls_config: this.access.caCertPem ? { ca_file: PROMTAIL_CA_FILE } : undefined,
          external_labels: { host: this.hostLabel },
        }),
      ],
      scrape_configs: [
        ...(p.containers ? [this.containerJob()] : []),
        ...(p.journal ? [this.journalJob(p.journal)] : []),
        ...(p.files ?? []).map((f) => this.fileJob(f)),
      ],
    };
  }

  private containerJob(): Record<string, unknown> {
    return {
      job_name: SCRAPE_JOB_NAMES.containers,
      docker_sd_configs: [{ host: `unix://${DOCKER_SOCKET}`, refresh_interval: '15s' }],
      relabel_configs: [
        { target_label: 'job', replacement: DOCKER_JOB },
        // Docker names start with "/".
        { source_labels: ['__meta_docker_container_name'], regex: '/(.*)', target_label: 'service' },
      ],
      pipeline_stages: renderStages([{ regex: { expression: CONTAINER_LEVEL_EXPRESSION } }, { labels: ['level'] }]),
    };
  }

  private journalJob(journal: JournalSource): Record<string, unknown> {
    const units = journal.units.map(escapeRegex).join('|');
    return {
      job_name: SCRAPE_JOB_NAMES.journal,
      // No path: Promtail reads /var/log/journal and /run/log/journal, both mounted.
      journal: { max_age: journal.maxAge ?? '12h', labels: { job: JOURNAL_JOB } },
      relabel_configs: [
        { source_labels: ['__journal__systemd_unit'], regex: `(${units})\\.service`, action: 'keep' },
        { source_labels: ['__journal__systemd_unit'], regex: '(.+)\\.service', target_label: 'service' },
        { source_labels: ['__journal_priority_keyword'], regex: '(.+)', target_label: 'level' },
      ],
    };
  }

  private fileJob(f: FileJob): Record<string, unknown> {
    return compact({
      job_name: f.name,
      static_configs: f.paths.map((path) => ({
        targets: ['localhost'],
        labels: { job: f.job ?? f.name, service: f.service, ...f.labels, __path__: path },
      })),
      pipeline_stages: f.pipeline?.length ? renderStages(f.pipeline) : undefined,
    });
  }
}
