import { Construct } from 'constructs';
import { DockerHost } from './docker-host';
import { DockerService, httpHealthcheck } from './docker-service';
import { PrometheusServer } from './prometheus-server';
import { inHours } from '../../lib/duration';
import { fieldError } from '../../lib/errors';
import { SAMPLING_RATE_EXPECTED, isWholeHours, WHOLE_HOURS_EXPECTED } from '../../model/traces';

/** Admin port: /metrics for Prometheus, / for the healthcheck. Not published. */
export const JAEGER_ADMIN_PORT = 14269;
export const JAEGER_QUERY_PORT = 16686;
export const JAEGER_COLLECTOR_HTTP_PORT = 14268;

export interface JaegerPort {
  readonly port: number;
  readonly protocol: 'tcp' | 'udp';
  readonly purpose: string;
}

/** The ports clients and Grafana use: the seed's (003), plus OTLP. */
export const JAEGER_PORTS: readonly JaegerPort[] = [
  { port: 5775, protocol: 'udp', purpose: 'agent: zipkin.thrift compact (deprecated; for old clients)' },
  { port: 6831, protocol: 'udp', purpose: 'agent: jaeger.thrift compact' },
  { port: 6832, protocol: 'udp', purpose: 'agent: jaeger.thrift binary' },
  { port: 5778, protocol: 'tcp', purpose: 'agent: sampling strategies served to clients (/sampling?service=...)' },
  { port: JAEGER_QUERY_PORT, protocol: 'tcp', purpose: 'query: UI and API (Grafana\'s Jaeger data source)' },
  { port: JAEGER_COLLECTOR_HTTP_PORT, protocol: 'tcp', purpose: 'collector: jaeger.thrift over HTTP (/api/traces)' },
  { port: 14250, protocol: 'tcp', purpose: 'collector: model.proto over gRPC' },
  { port: 9411, protocol: 'tcp', purpose: 'collector: Zipkin (COLLECTOR_ZIPKIN_HOST_PORT)' },
  { port: 4317, protocol: 'tcp', purpose: 'collector: OTLP over gRPC' },
  { port: 4318, protocol: 'tcp', purpose: 'collector: OTLP over HTTP' },
];

export interface JaegerProps {
  readonly host: DockerHost;
  /** Container and volume name prefix, e.g. the environment. */
  readonly namePrefix: string;
  /** How long spans are kept (Badger's TTL), in whole hours. @default 72h */
  readonly retention?: string;
  /**
   * The probability of tracing a request, served as the default strategy to clients that use
   * remote sampling (port 5778 `/sampling`, or the collector's `/api/sampling`). Clients that
   * sample on their own (lloom's `sampling_rate`) should be configured with the same value.
   * @default 1: every request
   */
  readonly samplingRate?: number;
  /** @default jaegertracing/all-in-one:1.50.0 */
  readonly image?: string;
  /** @default 1024 */
  readonly memoryMb?: number;
  /** Scrapes Jaeger's admin /metrics as job "jaeger". @default not scraped */
  readonly prometheus?: PrometheusServer;
}

/** Where the image's own VOLUME is; see the constructor. */
const DATA_DIR = '/tmp';
const SAMPLING_FILE = '/etc/jaeger/sampling-strategies.json';

/**
 * Jaeger all-in-one (agent, collector, query, UI in one process) keeping spans in Badger on a
 * named volume. Grafana is given this object (it has `jaegerQueryUrl`) to make its Jaeger data
 * source; Prometheus scrapes its admin port.
 */
export class Jaeger extends Construct {
  readonly service: DockerService;
  /** http://<alias>:16686: what Grafana's Jaeger data source points at. */
  readonly jaegerQueryUrl: string;
  /** http://<alias>:14268/api/traces: where jaeger.thrift-over-HTTP clients send spans. */
  readonly collectorUrl: string;
  readonly samplingRate: number;
  readonly retention: string;

  constructor(scope: Construct, id: string, props: JaegerProps) {
    super(scope, id);
    this.retention = props.retention ?? '72h';
    this.samplingRate = props.samplingRate ?? 1;
    if (!isWholeHours(this.retention)) throw fieldError(this, 'retention', props.retention, WHOLE_HOURS_EXPECTED);
    if (!Number.isFinite(this.samplingRate) || this.samplingRate < 0 || this.samplingRate > 1) {
      throw fieldError(this, 'samplingRate', props.samplingRate, SAMPLING_RATE_EXPECTED);
    }
    this.service = new DockerService(this, 'service', {
      host: props.host,
      name: `${props.namePrefix}-jaeger`,
      image: props.image ?? 'jaegertracing/all-in-one:1.50.0',
      env: {
        SPAN_STORAGE_TYPE: 'badger',
        BADGER_EPHEMERAL: 'false',
        BADGER_DIRECTORY_KEY: `${DATA_DIR}/badger/key`,
        BADGER_DIRECTORY_VALUE: `${DATA_DIR}/badger/data`,
        BADGER_SPAN_STORE_TTL: inHours(this.retention),
        COLLECTOR_ZIPKIN_HOST_PORT: ':9411',
        // On by default since 1.46; said here because clients are told to use it.
        COLLECTOR_OTLP_ENABLED: 'true',
        SAMPLING_STRATEGIES_FILE: SAMPLING_FILE,
      },
      ports: JAEGER_PORTS.map((p) => ({ internal: p.port, protocol: p.protocol })),
      // Since 1.50 the image runs as uid 10001, which cannot write a new volume's root-owned
      // directory. /tmp is the image's own VOLUME, world-writable: a new named volume mounted
      // there takes its mode, so Badger makes its directories without root.
      volumes: { [DATA_DIR]: `${props.namePrefix}-jaeger-data` },
      // The image is alpine-based: busybox wget is there. The admin port answers / when healthy.
      healthcheck: httpHealthcheck(JAEGER_ADMIN_PORT, '/'),
      memoryMb: props.memoryMb ?? 1024,
      // The application's containers (osmen's) send spans to it by name.
      joinNetworks: props.host.scrapeNetworks,
    });
    this.service.addFile(SAMPLING_FILE, () => JSON.stringify(this.samplingStrategies(), null, 2));
    this.jaegerQueryUrl = this.service.url(JAEGER_QUERY_PORT);
    this.collectorUrl = this.service.url(JAEGER_COLLECTOR_HTTP_PORT, '/api/traces');
    props.prometheus?.addScrapeJob('jaeger').addTargets([`${this.service.name}:${JAEGER_ADMIN_PORT}`]);
  }

  /** The sampling strategies file, as data. */
  samplingStrategies(): Record<string, unknown> {
    return { default_strategy: { type: 'probabilistic', param: this.samplingRate } };
  }
}
