import { Construct } from 'constructs';
import { DockerHost } from './docker-host';
import { DockerService, httpHealthcheck } from './docker-service';
import { IPrometheus } from './prometheus-server';
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
  /**
   * Why the port is also published on the host's LAN address (Alloys on other machines push
   * there); the host must have an IPv4 address. @default published on 127.0.0.1 only
   */
  readonly exposedBecause?: string;
  /** Scrapes Loki's own /metrics as job "loki". @default not scraped */
  readonly prometheus?: IPrometheus;
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
  /** The LAN address the port is published on, when other machines push. */
  readonly lanAddress?: string;
  /** Why it is published there. */
  readonly exposedBecause?: string;

  constructor(scope: Construct, id: string, props: LokiProps) {
    super(scope, id);
    this.retention = props.retention;
    this.streamRetention = props.streamRetention ?? [];
    if (!isWholeDays(props.retention)) throw fieldError(this, 'retention', props.retention, WHOLE_DAYS_EXPECTED);
    for (const [i, s] of this.streamRetention.entries()) {
      if (!STREAM_SELECTOR.test(s.selector)) throw fieldError(this, `streamRetention[${i}].selector`, s.selector, STREAM_SELECTOR_EXPECTED);
      if (!isWholeDays(s.period)) throw fieldError(this, `streamRetention[${i}].period`, s.period, WHOLE_DAYS_EXPECTED);
      if (s.priority !== undefined && (!Number.isInteger(s.priority) || s.priority < 1)) {
        throw fieldError(this, `streamRetention[${i}].priority`, s.priority, 'a whole number from 1 up');
      }
    }
    if (props.exposedBecause !== undefined) {
      const address = props.host.address;
      if (!IPV4.test(address)) throw fieldError(this, `host "${props.host.name}" address`, address, 'an IPv4 address to publish the push port on (exposedBecause is set)');
      this.lanAddress = address;
      this.exposedBecause = props.exposedBecause;
    }
    this.service = new DockerService(this, 'service', {
      host: props.host,
      name: `${props.namePrefix}-loki`,
      image: 'grafana/loki:3.7.6',
      command: [`-config.file=${LOKI_CONFIG_PATH}`],
      // The HTTP API (logcli, debugging) on 127.0.0.1, and on the LAN address when other machines push.
      ports: [
        { internal: LOKI_PORT, external: LOKI_PORT },
        ...(this.lanAddress ? [{ internal: LOKI_PORT, external: LOKI_PORT, ip: this.lanAddress, exposedBecause: props.exposedBecause }] : []),
      ],
      // The image makes /loki and gives it to its user (10001); a new named volume takes both.
      volumes: { [LOKI_DATA]: `${props.namePrefix}-loki-data` },
      // The image is alpine-based: busybox wget is there. /ready answers 200 once the ingester runs.
      healthcheck: httpHealthcheck(LOKI_PORT, '/ready'),
      memoryMb: 1024,
    });
    this.service.addFile(LOKI_CONFIG_PATH, () => toYaml(this.configObject()));
    props.prometheus?.addScrapeJob('loki').addTargets([`${this.service.name}:${LOKI_PORT}`]);
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
   * Where an Alloy on this Docker host pushes: Loki's alias on the stack network when it runs
   * beside Loki, the LAN address and published port of Loki's host otherwise.
   */
  pushUrlFrom(host: DockerHost): string {
    if (host === this.service.host) return this.pushUrl;
    if (this.lanAddress === undefined) {
      throw fieldError(this, 'exposedBecause', undefined, `the reason Loki's port is published on the LAN: an Alloy on "${host.name}" pushes to it from there`);
    }
    return `http://${this.lanAddress}:${LOKI_PORT}/loki/api/v1/push`;
  }

  /** loki.yaml as data, before YAML rendering. */
  configObject(): Record<string, unknown> {
    return {
      // One tenant: Loki is reached from the stack network and 127.0.0.1, and from the LAN only
      // where other machines' Alloys push (a trusted home network, like the pushgateway's).
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
        retention_stream: this.streamRetention.length
          ? this.streamRetention.map((s) => ({ selector: s.selector, priority: s.priority ?? 1, period: inHours(s.period) }))
          : undefined,
      }),
      // No usage reports to stats.grafana.org from a private stack.
      analytics: { reporting_enabled: false },
    };
  }
}
