import { Construct } from 'constructs';
import type { LokiConfig } from '../../model/log-trace-documents';
import { DockerHost } from './docker-host';
import { DockerService, httpHealthcheck } from './docker-service';
import { IPrometheus } from './prometheus-server';
import { BasicAuthCredential, CertificateAuthority } from './certificates';
import { LokiGateway, PUSH_PATH } from './loki-gateway';
import { inHours } from '../../lib/duration';
import { fieldError } from '../../lib/errors';
import { compact, toYaml } from '../../lib/yaml';
import { LOKI_PORT, isWholeDays, WHOLE_DAYS_EXPECTED, STREAM_SELECTOR, STREAM_SELECTOR_EXPECTED, StreamRetention } from '../../model/logs';

const LOKI_CONFIG_PATH = '/etc/loki/loki.yaml';
const LOKI_DATA = '/loki';
/** The first day of the v12 period, which Loki 2.9 deployments wrote; Loki 3 keeps reading it. */
export const LOKI_SCHEMA_FROM = '2023-10-01';
/**
 * The first day of the v13 period (Loki 3's schema, needed for structured metadata). It lies after
 * any day a Loki 2.9 of this project can have written: the Loki 3 pin ships in December 2026, and
 * a period may only start on a day no chunk was written yet.
 */
export const LOKI_V13_FROM = '2027-01-01';

/**
 * Whether Loki accepts structured metadata. Loki 3 refuses to start with it while the active
 * period is v12 (pkg/loki/validation.go), so it is off until LOKI_V13_FROM; a test fails from
 * that day until it is turned on.
 */
export const LOKI_STRUCTURED_METADATA = false;


export interface LokiProps {
  readonly host: DockerHost;
  /** Container and volume name prefix, e.g. the environment. */
  readonly namePrefix: string;
  /** How long Loki keeps every stream; the compactor deletes what is older. */
  readonly retention: string;
  /** Other lifetimes for the streams some selectors match. @default none */
  readonly streamRetention?: readonly StreamRetention[];
  /** How old a line may be when Loki first receives it, in whole days. @default 7d, Loki's own */
  readonly acceptOldLinesUpTo?: string;
  /**
   * Loki on the host's LAN address, for Alloys on other machines: an authenticating TLS
   * gateway publishes the port there (the host must have an IPv4 address). @default 127.0.0.1 only
   */
  readonly lan?: LokiLanAccess;
  /** Scrapes Loki's own /metrics as job "loki". @default not scraped */
  readonly prometheus?: IPrometheus;
}

/** Who reaches Loki over the LAN, and how they know it is Loki. */
export interface LokiLanAccess {
  /** Why the port is on the LAN. */
  readonly exposedBecause: string;
  /** Signs the gateway's certificate; clients trust it. */
  readonly authority: CertificateAuthority;
  /** The users who push (one per machine whose Alloy pushes). */
  readonly pushers: readonly BasicAuthCredential[];
}

/** How a client reaches Loki: the URL and, over the LAN, its user and the CA it trusts. */
export interface LokiAccess {
  readonly url: string;
  readonly user?: BasicAuthCredential;
  readonly caCertPem?: string;
}

const IPV4 = /^\d{1,3}(?:\.\d{1,3}){3}$/;

/**
 * A single-binary Loki 3.7: TSDB index and chunks on the filesystem of one named volume, and a
 * compactor that really deletes what is older than the retention (per stream where asked).
 */
export class Loki extends Construct {
  readonly service: DockerService;
  readonly retention: string;
  readonly streamRetention: readonly StreamRetention[];
  readonly acceptOldLinesUpTo?: string;
  /** The LAN address the gateway publishes the port on, when other machines push. */
  readonly lanAddress?: string;
  /** Why it is published there. */
  readonly exposedBecause?: string;
  /** The authenticating TLS gateway on the LAN address, when other machines push. */
  readonly gateway?: LokiGateway;
  /** The user Grafana reads through the gateway as. */
  readonly reader?: BasicAuthCredential;
  private readonly lan?: LokiLanAccess;

  constructor(scope: Construct, id: string, props: LokiProps) {
    super(scope, id);
    this.retention = props.retention;
    this.streamRetention = props.streamRetention ?? [];
    this.acceptOldLinesUpTo = props.acceptOldLinesUpTo;
    if (props.acceptOldLinesUpTo !== undefined && !isWholeDays(props.acceptOldLinesUpTo)) {
      throw fieldError(this, 'acceptOldLinesUpTo', props.acceptOldLinesUpTo, WHOLE_DAYS_EXPECTED);
    }
    if (!isWholeDays(props.retention)) throw fieldError(this, 'retention', props.retention, WHOLE_DAYS_EXPECTED);
    for (const [i, s] of this.streamRetention.entries()) {
      if (!STREAM_SELECTOR.test(s.selector)) throw fieldError(this, `streamRetention[${i}].selector`, s.selector, STREAM_SELECTOR_EXPECTED);
      if (!isWholeDays(s.period)) throw fieldError(this, `streamRetention[${i}].period`, s.period, WHOLE_DAYS_EXPECTED);
      if (s.priority !== undefined && (!Number.isInteger(s.priority) || s.priority < 1)) {
        throw fieldError(this, `streamRetention[${i}].priority`, s.priority, 'a whole number from 1 up');
      }
    }
    if (props.lan !== undefined) {
      const address = props.host.address;
      if (!IPV4.test(address)) throw fieldError(this, `host "${props.host.name}" address`, address, 'an IPv4 address to publish the push port on (lan is set)');
      this.lanAddress = address;
      this.exposedBecause = props.lan.exposedBecause;
      this.lan = props.lan;
    }
    this.service = new DockerService(this, 'service', {
      host: props.host,
      name: `${props.namePrefix}-loki`,
      image: 'grafana/loki:3.7.6',
      command: [`-config.file=${LOKI_CONFIG_PATH}`],
      // The HTTP API (logcli, debugging) on 127.0.0.1 only; the LAN reaches it through the gateway.
      ports: [{ internal: LOKI_PORT, external: LOKI_PORT }],
      // The image makes /loki and gives it to its user (10001); a new named volume takes both.
      volumes: { [LOKI_DATA]: `${props.namePrefix}-loki-data` },
      // The image is alpine-based: busybox wget is there. /ready answers 200 once the ingester runs.
      healthcheck: httpHealthcheck(LOKI_PORT, '/ready'),
      memoryMb: 1024,
    });
    this.service.addFile(LOKI_CONFIG_PATH, () => toYaml(this.configObject()));
    props.prometheus?.addScrapeJob('loki').addTargets([`${this.service.name}:${LOKI_PORT}`]);
    if (props.lan && this.lanAddress) {
      // The same port on the LAN address: TLS and basic auth at the gateway, Loki behind it.
      const name = `${props.namePrefix}-loki-gateway`;
      this.reader = new BasicAuthCredential(this, 'grafana-user', { username: 'grafana' });
      this.gateway = new LokiGateway(this, 'gateway', {
        host: props.host,
        name,
        loki: this.service,
        port: LOKI_PORT,
        publish: { ip: this.lanAddress, exposedBecause: props.lan.exposedBecause },
        certificate: props.lan.authority.issue(`${props.host.name}-loki-gateway`, { dnsNames: [name, props.host.name], ipAddresses: [this.lanAddress] }),
        pushers: props.lan.pushers,
        readers: [this.reader],
      });
    }
  }

  /** http://<alias>:3100, for Grafana and Alloy on the stack network. */
  get url(): string {
    return this.service.url(LOKI_PORT);
  }

  /** Where Alloy pushes. */
  get pushUrl(): string {
    return this.service.url(LOKI_PORT, '/loki/api/v1/push');
  }

  /**
   * How an Alloy on this Docker host pushes: to Loki's alias on the stack network when it runs
   * beside Loki; otherwise to the gateway on the LAN address of Loki's host, over TLS (trusting
   * the environment's CA) as the user named after its host.
   */
  pushAccessFrom(host: DockerHost): LokiAccess {
    if (host === this.service.host) return { url: this.pushUrl };
    const user = this.lan?.pushers.find((u) => u.username === host.name);
    if (this.lanAddress === undefined || !this.lan || !user) {
      throw fieldError(this, 'lan', host.name, `a pusher named "${host.name}" in Loki's LAN access, since an Alloy on that host pushes over the LAN`);
    }
    return { url: `https://${this.lanAddress}:${LOKI_PORT}${PUSH_PATH}`, user, caCertPem: this.lan.authority.caCertPem };
  }

  /** loki.yaml as data, before YAML rendering. */
  configObject(): LokiConfig {
    return {
      // One tenant: Loki is reached from the stack network and 127.0.0.1, and from the LAN only
      // through the gateway, which authenticates every request (Loki has no users of its own).
      auth_enabled: false,
      server: { http_listen_port: LOKI_PORT },
      common: {
        path_prefix: LOKI_DATA,
        storage: { filesystem: { chunks_directory: `${LOKI_DATA}/chunks`, rules_directory: `${LOKI_DATA}/rules` } },
        replication_factor: 1,
        ring: { kvstore: { store: 'inmemory' } },
      },
      schema_config: {
        // TSDB with the 24h index period retention needs: v12 as Loki 2.9 wrote it, then v13
        // from a day no v12 chunk exists, so old chunks stay readable.
        configs: [
          { from: LOKI_SCHEMA_FROM, store: 'tsdb', object_store: 'filesystem', schema: 'v12', index: { prefix: 'index_', period: '24h' } },
          { from: LOKI_V13_FROM, store: 'tsdb', object_store: 'filesystem', schema: 'v13', index: { prefix: 'index_', period: '24h' } },
        ],
      },
      storage_config: {
        // Loki 3 takes the object store from each period (2.x's shared_store is gone).
        tsdb_shipper: { active_index_directory: `${LOKI_DATA}/tsdb-index`, cache_location: `${LOKI_DATA}/tsdb-cache` },
      },
      compactor: {
        working_directory: `${LOKI_DATA}/compactor`,
        // Without this Loki keeps everything forever, whatever retention_period says; with it,
        // Loki 3 needs to know where delete requests are kept.
        retention_enabled: true,
        delete_request_store: 'filesystem',
      },
      limits_config: compact({
        allow_structured_metadata: LOKI_STRUCTURED_METADATA,
        retention_period: inHours(this.retention),
        reject_old_samples: this.acceptOldLinesUpTo ? true : undefined,
        reject_old_samples_max_age: this.acceptOldLinesUpTo ? inHours(this.acceptOldLinesUpTo) : undefined,
        retention_stream: this.streamRetention.length
          ? this.streamRetention.map((s) => ({ selector: s.selector, priority: s.priority ?? 1, period: inHours(s.period) }))
          : undefined,
      }),
      // No usage reports to stats.grafana.org from a private stack.
      analytics: { reporting_enabled: false },
    };
  }
}
