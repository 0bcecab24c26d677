import { Construct } from 'constructs';
import { DockerHost } from './docker-host';
import { DockerService, HostMount, tcpHealthcheck } from './docker-service';
import { IPrometheus } from './prometheus-server';
import { Loki, LokiAccess } from './loki';
import { AlloyBlock, ref, renderAlloy } from '../../lib/alloy';
import { fieldError } from '../../lib/errors';
import { ALLOY_PORT, checkLogSources, DOCKER_JOB, FileJob, fieldOf, JOURNAL_JOB, JournalSource, LogSources, PipelineStage, SCRAPE_JOB_NAMES, VAR_LOG_PATH } from '../../model/logs';

const ALLOY_CONFIG_PATH = '/etc/alloy/config.alloy';
/** Alloy's storage path: file read positions and component state. */
const ALLOY_DATA = '/var/lib/alloy/data';
const DOCKER_SOCKET = '/var/run/docker.sock';
/** Over the LAN: the password it pushes with, and the CA it verifies Loki's gateway with. */
const ALLOY_PASSWORD_FILE = '/etc/alloy/secrets/loki-password';
const ALLOY_CA_FILE = '/etc/alloy/tls/ca.crt';
const DOCKER_HOST = `unix://${DOCKER_SOCKET}`;

/**
 * The level of a container's line, wherever it says `level=info` (logfmt) or `"level": "INFO"`
 * (JSON). The alternatives are closed so that the label stays a handful of values.
 */
export const CONTAINER_LEVEL_EXPRESSION =
  '(?i)\\blevel"?\\s*[=:]\\s*"?(?P<level>trace|debug|info|notice|warning|warn|error|err|critical|crit|fatal|panic)\\b';

export interface AlloyProps extends LogSources {
  readonly host: DockerHost;
  /** Container and volume name prefix, e.g. the environment. */
  readonly namePrefix: string;
  /** The Loki it pushes to: beside it on the stack network, or over the LAN from another host. */
  readonly loki: Loki;
  /** Scrapes Alloy's own /metrics as job "alloy". @default not scraped */
  readonly prometheus?: IPrometheus;
}

function escapeRegex(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** A relabel rule block (Prometheus relabelling, as Alloy writes it). */
function rule(attributes: { source_labels?: string[]; regex?: string; target_label?: string; replacement?: string; action?: string }): AlloyBlock {
  return { name: 'rule', attributes };
}

/** Pipeline stages as loki.process stage blocks. */
function stageBlocks(stages: readonly PipelineStage[]): AlloyBlock[] {
  return stages.map((s) => {
    if (s.regex) return { name: 'stage.regex', attributes: { expression: s.regex.expression } };
    if (s.json) return { name: 'stage.json', attributes: { expressions: { ...s.json.expressions } } };
    if (s.timestamp) return { name: 'stage.timestamp', attributes: { source: s.timestamp.source, format: s.timestamp.format } };
    return { name: 'stage.labels', attributes: { values: Object.fromEntries((s.labels ?? []).map((name) => [name, name])) } };
  });
}

/** A component label from a file job's name: "brain-api" → "file_brain_api". */
function fileLabel(name: string): string {
  return `file_${name.replace(/[^A-Za-z0-9_]/g, '_')}`;
}

/**
 * Grafana Alloy on one Docker host, in Promtail's place (Promtail reached end of life on
 * 2026-03-02; Alloy is its successor and reads the same pipelines): container logs through the
 * Docker API, systemd units from the journal, and files under /var/log (or the host's log
 * directories), each stream labelled job, host, service (and level where it parses), pushed to a
 * Loki given by object: on the stack network beside it, or over the LAN from another host. Its
 * read positions live on a named volume.
 */
export class Alloy extends Construct {
  readonly service: DockerService;
  /** The `host` label of every stream: the Docker host's name. */
  readonly hostLabel: string;
  /** Where it pushes: Loki's push API, on the stack network or over the LAN. */
  readonly clientUrl: string;
  /** How it pushes: the URL, and over the LAN its user and the CA. */
  private readonly access: LokiAccess;
  private readonly props: AlloyProps;

  constructor(scope: Construct, id: string, props: AlloyProps) {
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
        why: 'Docker service discovery lists the containers and reads their logs through the Docker API (read-only limits the mount, not the API: Alloy only lists and reads)',
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
      name: `${props.namePrefix}-alloy`,
      image: 'grafana/alloy:v1.18.1',
      command: ['run', `--server.http.listen-addr=0.0.0.0:${ALLOY_PORT}`, `--storage.path=${ALLOY_DATA}`, '--disable-reporting', ALLOY_CONFIG_PATH],
      volumes: { [ALLOY_DATA]: `${props.namePrefix}-alloy-data` },
      hostMounts,
      // The image is Ubuntu-based (journal support needs libsystemd) without wget or curl: bash
      // opens the port.
      healthcheck: tcpHealthcheck(ALLOY_PORT),
      memoryMb: 256,
      // Pushes start once Loki is ready.
      dependsOn: [props.loki.service],
    });
    this.service.addFile(ALLOY_CONFIG_PATH, () => renderAlloy(this.configBlocks()));
    const { user, caCertPem } = this.access;
    if (user) this.service.addFile(ALLOY_PASSWORD_FILE, () => user.password);
    if (caCertPem) this.service.addFile(ALLOY_CA_FILE, () => caCertPem);
    props.prometheus?.addScrapeJob('alloy').addTargets([`${this.service.name}:${ALLOY_PORT}`]);
  }

  /** The endpoint's basic_auth and tls_config blocks, when it pushes to Loki's gateway. */
  private endpointAuth(): AlloyBlock[] | undefined {
    const { user, caCertPem } = this.access;
    if (!user && !caCertPem) return undefined;
    return [
      ...(user ? [{ name: 'basic_auth', attributes: { username: user.username, password_file: ALLOY_PASSWORD_FILE } }] : []),
      ...(caCertPem ? [{ name: 'tls_config', attributes: { ca_file: ALLOY_CA_FILE } }] : []),
    ];
  }

  private validate(): void {
    const p = this.props;
    const problem = checkLogSources({ containers: p.containers, journal: p.journal, files: p.files, directories: p.directories });
    // An empty path is the sources as a whole: none was given.
    if (problem) throw fieldError(this, problem.path.length ? fieldOf(problem.path) : 'containers, journal, files', problem.given, problem.expected);
  }

  /** config.alloy as typed blocks, before rendering. */
  configBlocks(): AlloyBlock[] {
    const p = this.props;
    const taken = new Set<string>();
    const files = (p.files ?? []).map((f, i) => {
      // Distinct labels even where two job names differ only in punctuation.
      let label = fileLabel(f.name);
      if (taken.has(label)) label = `${label}_${i}`;
      taken.add(label);
      return this.fileBlocks(f, label);
    });
    return [
      {
        name: 'loki.write',
        label: 'default',
        // The Loki construct gives the address: its alias on the stack network and its port, or
        // its host's LAN address and published port for an Alloy on another machine.
        attributes: { external_labels: { host: this.hostLabel } },
        // Over the LAN: basic auth as its host, and TLS verified against the environment's CA.
        blocks: [{ name: 'endpoint', attributes: { url: this.clientUrl }, blocks: this.endpointAuth() }],
      },
      ...(p.containers ? this.containerBlocks() : []),
      ...(p.journal ? this.journalBlocks(p.journal) : []),
      ...files.flat(),
    ];
  }

  private containerBlocks(): AlloyBlock[] {
    const label = SCRAPE_JOB_NAMES.containers;
    return [
      { name: 'discovery.docker', label, attributes: { host: DOCKER_HOST, refresh_interval: '15s' } },
      {
        name: 'discovery.relabel',
        label,
        attributes: { targets: [] },
        blocks: [
          rule({ target_label: 'job', replacement: DOCKER_JOB }),
          // Docker names start with "/".
          rule({ source_labels: ['__meta_docker_container_name'], regex: '/(.*)', target_label: 'service' }),
        ],
      },
      {
        name: 'loki.source.docker',
        label,
        attributes: {
          host: DOCKER_HOST,
          targets: ref(`discovery.docker.${label}.targets`),
          relabel_rules: ref(`discovery.relabel.${label}.rules`),
          forward_to: [ref(`loki.process.${label}.receiver`)],
        },
      },
      {
        name: 'loki.process',
        label,
        attributes: { forward_to: [ref('loki.write.default.receiver')] },
        blocks: stageBlocks([{ regex: { expression: CONTAINER_LEVEL_EXPRESSION } }, { labels: ['level'] }]),
      },
    ];
  }

  private journalBlocks(journal: JournalSource): AlloyBlock[] {
    const label = SCRAPE_JOB_NAMES.journal;
    const units = journal.units.map(escapeRegex).join('|');
    return [
      {
        name: 'loki.relabel',
        label,
        attributes: { forward_to: [] },
        blocks: [
          rule({ source_labels: ['__journal__systemd_unit'], regex: `(${units})\\.service`, action: 'keep' }),
          rule({ source_labels: ['__journal__systemd_unit'], regex: '(.+)\\.service', target_label: 'service' }),
          rule({ source_labels: ['__journal_priority_keyword'], regex: '(.+)', target_label: 'level' }),
        ],
      },
      {
        name: 'loki.source.journal',
        label,
        // No path: Alloy reads /var/log/journal and /run/log/journal, both mounted.
        attributes: {
          max_age: journal.maxAge ?? '12h',
          labels: { job: JOURNAL_JOB },
          relabel_rules: ref(`loki.relabel.${label}.rules`),
          forward_to: [ref('loki.write.default.receiver')],
        },
      },
    ];
  }

  private fileBlocks(f: FileJob, label: string): AlloyBlock[] {
    const pipeline = f.pipeline ?? [];
    const next = pipeline.length ? `loki.process.${label}.receiver` : 'loki.write.default.receiver';
    return [
      {
        name: 'local.file_match',
        label,
        attributes: { path_targets: f.paths.map((path) => ({ __path__: path, job: f.job ?? f.name, service: f.service, ...f.labels })) },
      },
      { name: 'loki.source.file', label, attributes: { targets: ref(`local.file_match.${label}.targets`), forward_to: [ref(next)] } },
      ...(pipeline.length ? [{ name: 'loki.process', label, attributes: { forward_to: [ref('loki.write.default.receiver')] }, blocks: stageBlocks(pipeline) }] : []),
    ];
  }
}
