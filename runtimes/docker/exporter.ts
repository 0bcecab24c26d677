import { Construct } from 'constructs';
import { DockerHost } from './docker-host';
import { DockerService, DockerServiceProps, Healthcheck, HostMount, httpHealthcheck, tcpHealthcheck, tlsAuthHealthcheck } from './docker-service';
import { BasicAuthCredential, CertificateAuthority } from './certificates';
import { renderWebConfig } from '../../model/web-config';
import { IPrometheus } from './prometheus-server';
import { secretVariable } from '../../lib/terraform';
import { toYaml } from '../../lib/yaml';
import { ScrapeJob, ScrapeJobOptions } from '../../model/scrape-jobs';
import { fieldError } from '../../lib/errors';

/** The exporters this project knows how to run, each with its pinned image and port. */
export type ExporterKind =
  | 'node-exporter'
  | 'cadvisor'
  | 'dcgm-exporter'
  | 'pushgateway'
  | 'postgres-exporter'
  | 'redis-exporter'
  | 'blackbox-exporter';

export interface ExporterDefinition {
  readonly image: string;
  readonly port: number;
  readonly memoryMb: number;
  /** Host paths the exporter must read, each with the reason. */
  readonly hostMounts?: readonly HostMount[];
  /** Shares the host's network and process namespaces (node-exporter). */
  readonly hostNamespaces?: boolean;
  /**
   * Reads the exporter toolkit's `--web.config.file` (TLS and basic auth), and where it is kept
   * in the container. Only such exporters may be reachable from the LAN.
   */
  readonly webConfigDir?: string;
  /** The path its healthcheck fetches. @default /metrics */
  readonly healthPath?: string;
}

/** Pinned images and the least host access each exporter needs to do its job. */
export const EXPORTERS: Readonly<Record<ExporterKind, ExporterDefinition>> = {
  'node-exporter': {
    image: 'prom/node-exporter:v1.12.1',
    port: 9100,
    memoryMb: 128,
    // Host network and pid namespaces: network and process metrics must describe the host,
    // not the container. The host's filesystems are read through read-only mounts.
    hostNamespaces: true,
    webConfigDir: '/etc/node-exporter',
    hostMounts: [
      { hostPath: '/proc', containerPath: '/host/proc', why: 'CPU, memory, load, network and process statistics' },
      { hostPath: '/sys', containerPath: '/host/sys', why: 'hardware, thermal and block-device statistics' },
      { hostPath: '/', containerPath: '/rootfs', why: 'filesystem sizes and free space' },
    ],
  },
  cadvisor: {
    image: 'ghcr.io/google/cadvisor:0.60.5',
    port: 8080,
    memoryMb: 256,
    hostMounts: [
      { hostPath: '/', containerPath: '/rootfs', why: 'container filesystem usage' },
      { hostPath: '/var/run/docker.sock', containerPath: '/var/run/docker.sock', why: 'container names and labels from the Docker API' },
      { hostPath: '/sys', containerPath: '/sys', why: 'cgroup CPU and memory accounting' },
      { hostPath: '/var/lib/docker', containerPath: '/var/lib/docker', why: 'container layer sizes' },
      { hostPath: '/dev/disk', containerPath: '/dev/disk', why: 'block-device names for disk I/O' },
    ],
  },
  'dcgm-exporter': {
    image: 'nvcr.io/nvidia/k8s/dcgm-exporter:4.5.3-4.8.2-ubuntu22.04',
    port: 9400,
    memoryMb: 512,
  },
  pushgateway: {
    image: 'prom/pushgateway:v1.11.3',
    port: 9091,
    memoryMb: 128,
    webConfigDir: '/etc/pushgateway',
    healthPath: '/-/healthy',
  },
  'postgres-exporter': {
    image: 'quay.io/prometheuscommunity/postgres-exporter:v0.20.1',
    port: 9187,
    memoryMb: 128,
  },
  'redis-exporter': {
    // The alpine variant ships wget for the healthcheck; the default image is scratch.
    image: 'oliver006/redis_exporter:v1.88.0-alpine',
    port: 9121,
    memoryMb: 64,
  },
  'blackbox-exporter': {
    image: 'prom/blackbox-exporter:v0.28.0',
    port: 9115,
    memoryMb: 64,
  },
};

/** The container of an exporter kind on a host: one per kind and host. */
export function exporterContainerName(namePrefix: string, kind: ExporterKind, job: string): string {
  // One container of a kind per host, but a blackbox exporter per probe job (each probes its own targets).
  return kind === 'blackbox-exporter' ? `${namePrefix}-blackbox-${job}` : `${namePrefix}-${kind}`;
}

/** The PostgreSQL server a postgres-exporter reads; the password is a secret. */
export interface PostgresSource {
  /** host:port of the server as seen from the exporter. */
  readonly address: string;
  readonly database: string;
  readonly user: string;
  /** Name of the sensitive Terraform variable holding the password. */
  readonly passwordSecret: string;
  /** @default disable (the server is on the same private network) */
  readonly sslmode?: 'disable' | 'require' | 'verify-full';
}

/** What the blackbox exporter probes: a module and its targets (URLs or hosts). */
export interface BlackboxProbe {
  readonly module: 'http_2xx' | 'tcp_connect' | 'icmp';
  readonly targets: string[];
}

/** An exporter container the stack runs. */
export interface ExporterContainer {
  readonly kind: ExporterKind;
  readonly host: DockerHost;
  /** Container name prefix, e.g. the environment. */
  readonly namePrefix: string;
  /**
   * Publish the exporter's port on the host (127.0.0.1 unless ip and exposedBecause are given),
   * for people or machines outside the stack network.
   * @default not published
   */
  readonly publish?: { readonly ip?: string; readonly exposedBecause?: string };
  /** postgres-exporter only. */
  readonly postgres?: PostgresSource;
  /** redis-exporter only: redis://host:port. */
  readonly redisAddress?: string;
  /** blackbox-exporter only. */
  readonly probe?: BlackboxProbe;
  /**
   * Serve TLS with a certificate of `authority` and let in only Prometheus (`scraper`) and
   * `users` (basic auth): required for an exporter reachable from the LAN. @default plain HTTP, no authentication
   */
  readonly security?: ExporterSecurity;
}

/** TLS and the users an exporter lets in. */
export interface ExporterSecurity {
  readonly authority: CertificateAuthority;
  /** The user Prometheus scrapes as. */
  readonly scraper: BasicAuthCredential;
  /** Other users, e.g. the machines that push to a pushgateway. @default none */
  readonly users?: readonly BasicAuthCredential[];
}

export interface ExporterProps {
  /** The server whose scrape job this exporter's target joins. */
  readonly prometheus: IPrometheus;
  /** Scrape job name; exporters naming the same job share it. */
  readonly job: string;
  /** Options of the job, used when this exporter creates it. @default none */
  readonly jobOptions?: ScrapeJobOptions;
  /** Labels attached to this exporter's targets, e.g. { machine: 'pc' }. @default none */
  readonly labels?: Readonly<Record<string, string>>;
  /** Run an exporter container... */
  readonly container?: ExporterContainer;
  /** ...or scrape endpoints that already exist ("host:port"). */
  readonly endpoints?: string[];
}

/**
 * One scrape target registered with a Prometheus (IPrometheus): either an exporter container the stack
 * runs, or endpoints that already exist and are only scraped.
 */
export class Exporter extends Construct {
  readonly job: ScrapeJob;
  /** The container, when the stack runs the exporter. */
  readonly service?: DockerService;
  /** The addresses Prometheus scrapes. */
  readonly targets: string[];

  constructor(scope: Construct, id: string, props: ExporterProps) {
    super(scope, id);
    if ((props.container === undefined) === (props.endpoints === undefined)) {
      throw fieldError(this, 'container, endpoints', props.container ? 'both' : 'neither', 'exactly one of container or endpoints');
    }
    const c = props.container;
    let jobOptions = props.jobOptions ?? {};
    if (c) {
      this.service = new DockerService(this, 'service', this.containerProps(c, props.prometheus, props.job));
      this.uploadFiles(this.service, c);
      const def = EXPORTERS[c.kind];
      // A bridge container beside Prometheus is reached by its alias; anything else by its
      // host's name, which Prometheus resolves (host-network exporters, other machines).
      const byAlias = c.host === props.prometheus.host && !def.hostNamespaces;
      const address = `${byAlias ? this.service.name : c.host.name}:${def.port}`;
      if (c.security) {
        this.secure(this.service, c, c.security, { dnsNames: [...new Set([byAlias ? this.service.name : c.host.name, c.host.name])], ipAddresses: addressesReached(c, props.prometheus) });
        jobOptions = { ...jobOptions, ...props.prometheus.tlsScrapeOptions(c.security.authority, c.security.scraper) };
      }
      if (c.kind === 'blackbox-exporter') {
        this.targets = c.probe?.targets ?? [];
        jobOptions = { ...blackboxJobOptions(c.probe, address), ...jobOptions };
      } else {
        this.targets = [address];
      }
    } else {
      this.targets = [...(props.endpoints ?? [])];
    }
    const existing = props.prometheus.findScrapeJob(props.job);
    if (existing && JSON.stringify(existing.options) !== JSON.stringify(jobOptions)) {
      throw fieldError(this, 'jobOptions', props.jobOptions ?? {}, `the scrape options job "${props.job}" already has`);
    }
    this.job = existing ?? props.prometheus.addScrapeJob(props.job, jobOptions);
    this.job.addTargets(this.targets, props.labels);
  }

  /**
   * TLS and basic auth: the exporter's certificate and key, and the web configuration naming
   * them and the users' bcrypt hashes, uploaded beside each other; Prometheus is always a user.
   */
  private secure(service: DockerService, c: ExporterContainer, security: ExporterSecurity, identity: { dnsNames: string[]; ipAddresses: string[] }): void {
    const dir = EXPORTERS[c.kind].webConfigDir!;
    const certificate = security.authority.issue(`${c.host.name}-${c.kind}`, identity);
    const tls = { certFile: `${dir}/tls.crt`, keyFile: `${dir}/tls.key` };
    const users = [security.scraper, ...(security.users ?? [])];
    service.addFile(`${dir}/web-config.yml`, () =>
      renderWebConfig(this.node.path, { tls, basicAuthUsers: Object.fromEntries(users.map((u) => [u.username, u.bcryptHash])) }),
    );
    service.addFile(tls.certFile, () => certificate.certPem);
    service.addFile(tls.keyFile, () => certificate.privateKeyPem);
  }

  private containerProps(c: ExporterContainer, prometheus: IPrometheus, job: string): DockerServiceProps {
    const def = EXPORTERS[c.kind];
    const name = exporterContainerName(c.namePrefix, c.kind, job);
    if (c.security && !def.webConfigDir) {
      throw fieldError(this, 'security', c.kind, 'an exporter kind that reads a web configuration (TLS with authentication); this one reads none');
    }
    const secured = c.security !== undefined;
    const health = (path: string, host?: string): Healthcheck => (secured ? tlsAuthHealthcheck(def.port, path, host) : httpHealthcheck(def.port, path, host));
    const webConfigFlag = secured ? [`--web.config.file=${def.webConfigDir}/web-config.yml`] : [];
    const base = {
      host: c.host,
      name,
      image: def.image,
      memoryMb: def.memoryMb,
      hostMounts: def.hostMounts ? [...def.hostMounts] : undefined,
      healthcheck: health('/metrics'),
      ports: c.publish ? [{ internal: def.port, ip: c.publish.ip, exposedBecause: c.publish.exposedBecause, tls: secured, authenticated: secured }] : undefined,
      joinNetworks: def.hostNamespaces ? undefined : c.host.scrapeNetworks,
    };
    switch (c.kind) {
      case 'node-exporter': {
        // Listens on the stack network's gateway when Prometheus is on the same host (reachable
        // from the stack's containers, not from the LAN); on the host's own address otherwise.
        const listen = listenAddress(c, prometheus);
        if (c.host !== prometheus.host && !secured) {
          throw fieldError(this, 'security', undefined, `TLS and authentication, since node-exporter listens on ${listen}, a LAN address`);
        }
        return {
          ...base,
          networkMode: 'host',
          pidMode: 'host',
          ports: undefined,
          healthcheck: health('/metrics', listen),
          command: [
            '--path.procfs=/host/proc',
            '--path.sysfs=/host/sys',
            '--path.rootfs=/rootfs',
            '--collector.filesystem.mount-points-exclude=^/(dev|proc|sys|run|var/lib/docker/.+)($|/)',
            `--web.listen-address=${listen}:${def.port}`,
            ...webConfigFlag,
          ],
        };
      }
      case 'cadvisor':
        return {
          ...base,
          healthcheck: httpHealthcheck(def.port, '/healthz'),
          devices: { '/dev/kmsg': '/dev/kmsg' },
          command: ['--docker_only=true', '--housekeeping_interval=15s', '--store_container_labels=false'],
        };
      case 'dcgm-exporter':
        return { ...base, gpus: true, healthcheck: tcpHealthcheck(def.port) };
      case 'pushgateway':
        return {
          ...base,
          volumes: { '/data': `${name}-data` },
          command: ['--persistence.file=/data/pushgateway.db', '--persistence.interval=5m', ...webConfigFlag],
          healthcheck: health(def.healthPath ?? '/metrics'),
        };
      case 'postgres-exporter': {
        const pg = c.postgres;
        if (!pg) throw fieldError(this, 'container.postgres', undefined, 'the PostgreSQL server { address, database, user, passwordSecret } a postgres-exporter reads');
        return {
          ...base,
          env: {
            DATA_SOURCE_URI: `${pg.address}/${pg.database}?sslmode=${pg.sslmode ?? 'disable'}`,
            DATA_SOURCE_USER: pg.user,
            DATA_SOURCE_PASS_FILE: POSTGRES_PASSWORD_FILE,
          },
        };
      }
      case 'redis-exporter':
        if (!c.redisAddress) throw fieldError(this, 'container.redisAddress', undefined, 'the Redis address "redis://host:port" a redis-exporter reads');
        return { ...base, env: { REDIS_ADDR: c.redisAddress } };
      case 'blackbox-exporter':
        return {
          ...base,
          healthcheck: httpHealthcheck(def.port, '/-/healthy'),
          // Probes the same names Prometheus scrapes.
          extraHosts: prometheus.extraHosts,
          command: [`--config.file=${BLACKBOX_CONFIG_FILE}`],
        };
    }
  }

  /** Config files and secrets the exporter reads. */
  private uploadFiles(service: DockerService, c: ExporterContainer): void {
    if (c.kind === 'postgres-exporter' && c.postgres) {
      service.addSecretFile(
        POSTGRES_PASSWORD_FILE,
        secretVariable(this, c.postgres.passwordSecret, `Password of PostgreSQL user ${c.postgres.user} for postgres-exporter`),
      );
    }
    if (c.kind === 'blackbox-exporter') {
      service.addFile(BLACKBOX_CONFIG_FILE, () => toYaml(BLACKBOX_MODULES));
    }
  }
}

/**
 * Where a host-network exporter listens: the stack network's gateway when Prometheus is on the
 * same host (reachable from the stack's containers, not from the LAN); the host's own (LAN)
 * address otherwise. A bridge exporter listens in its container, on every address.
 */
function listenAddress(c: ExporterContainer, prometheus: IPrometheus): string {
  return c.host === prometheus.host ? c.host.gateway : c.host.address;
}

/** The addresses clients connect to: a host-network exporter's listen address, a bridge exporter's published one. */
function addressesReached(c: ExporterContainer, prometheus: IPrometheus): string[] {
  if (EXPORTERS[c.kind].hostNamespaces) return [listenAddress(c, prometheus)];
  return c.publish?.ip !== undefined && c.publish.ip !== '127.0.0.1' ? [c.publish.ip] : [];
}

const POSTGRES_PASSWORD_FILE = '/run/secrets/postgres-password';
const BLACKBOX_CONFIG_FILE = '/etc/blackbox_exporter/config.yml';

/** Blackbox modules: HTTP 2xx within 5s, TCP connect, and ICMP echo. */
export const BLACKBOX_MODULES = {
  modules: {
    http_2xx: { prober: 'http', timeout: '5s', http: { preferred_ip_protocol: 'ip4', valid_status_codes: [] as number[] } },
    tcp_connect: { prober: 'tcp', timeout: '5s' },
    icmp: { prober: 'icmp', timeout: '5s', icmp: { preferred_ip_protocol: 'ip4' } },
  },
};

/**
 * The standard blackbox relabelling: each target becomes the `target` URL parameter and the
 * `instance` label, and the scrape itself goes to the exporter.
 */
function blackboxJobOptions(probe: BlackboxProbe | undefined, exporterAddress: string): ScrapeJobOptions {
  return {
    metricsPath: '/probe',
    params: { module: [probe?.module ?? 'http_2xx'] },
    relabelConfigs: [
      { sourceLabels: ['__address__'], targetLabel: '__param_target' },
      { sourceLabels: ['__param_target'], targetLabel: 'instance' },
      { targetLabel: '__address__', replacement: exporterAddress },
    ],
  };
}
