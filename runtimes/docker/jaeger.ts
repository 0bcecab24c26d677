import { Construct } from 'constructs';
import type { JaegerConfig, JaegerSamplingStrategies } from '../../model/log-trace-documents';
import { DockerHost } from './docker-host';
import { DockerService, httpHealthcheck } from './docker-service';
import { IPrometheus } from './prometheus-server';
import { inHours } from '../../lib/duration';
import { fieldError } from '../../lib/errors';
import { SAMPLING_RATE_EXPECTED, isWholeHours, WHOLE_HOURS_EXPECTED } from '../../model/traces';
import { toYaml } from '../../lib/yaml';

/** Jaeger v2's own metrics (the collector's Prometheus reader): /metrics for Prometheus. Not published. */
export const JAEGER_METRICS_PORT = 8888;
/** The healthcheckv2 extension: /status answers 200 once every component runs. Not published. */
export const JAEGER_HEALTH_PORT = 13133;
export const JAEGER_QUERY_PORT = 16686;
export const JAEGER_COLLECTOR_HTTP_PORT = 14268;
const SAMPLING_HTTP_PORT = 5778;

export interface JaegerPort {
  readonly port: number;
  readonly protocol: 'tcp' | 'udp';
  readonly purpose: string;
}

/**
 * The ports clients and Grafana use: the seed's (003), plus OTLP. Jaeger v2 has no agent: the
 * jaeger receiver takes the agent's UDP protocols, and 5775 (zipkin.thrift compact) is gone.
 */
export const JAEGER_PORTS: readonly JaegerPort[] = [
  { port: 6831, protocol: 'udp', purpose: 'jaeger receiver: jaeger.thrift compact' },
  { port: 6832, protocol: 'udp', purpose: 'jaeger receiver: jaeger.thrift binary' },
  { port: SAMPLING_HTTP_PORT, protocol: 'tcp', purpose: 'remote_sampling: strategies served to clients (/sampling?service=...)' },
  { port: 5779, protocol: 'tcp', purpose: 'remote_sampling: strategies over gRPC' },
  { port: JAEGER_QUERY_PORT, protocol: 'tcp', purpose: 'jaeger_query: UI and API (Grafana\'s Jaeger data source)' },
  { port: JAEGER_COLLECTOR_HTTP_PORT, protocol: 'tcp', purpose: 'jaeger receiver: jaeger.thrift over HTTP (/api/traces)' },
  { port: 14250, protocol: 'tcp', purpose: 'jaeger receiver: model.proto over gRPC' },
  { port: 9411, protocol: 'tcp', purpose: 'zipkin receiver' },
  { port: 4317, protocol: 'tcp', purpose: 'otlp receiver: OTLP over gRPC' },
  { port: 4318, protocol: 'tcp', purpose: 'otlp receiver: OTLP over HTTP' },
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
  /** @default jaegertracing/jaeger:2.20.0 */
  readonly image?: string;
  /** @default 1024 */
  readonly memoryMb?: number;
  /** Scrapes Jaeger's /metrics (port 8888) as job "jaeger". @default not scraped */
  readonly prometheus?: IPrometheus;
  /**
   * Also publish the jaeger.thrift HTTP collector (14268) on this LAN address of the host, for
   * clients on other machines (lloom's nodes), with the reason. @default 127.0.0.1 only
   */
  readonly publishCollector?: { readonly ip: string; readonly exposedBecause: string };
}

/** The data directory; see the constructor. */
const DATA_DIR = '/tmp';
const CONFIG_FILE = '/etc/jaeger/config.yaml';
const SAMPLING_FILE = '/etc/jaeger/sampling-strategies.json';
/** The storage backend's name in jaeger_storage, read by jaeger_query and the exporter. */
const STORE = 'badger_store';

/** Listen on every interface of the container: the collector's receivers default to localhost. */
const anyAddress = (port: number) => `0.0.0.0:${port}`;

/**
 * Jaeger v2 (one binary built on the OpenTelemetry Collector: receivers, storage, query and UI)
 * keeping spans in Badger on a named volume, configured by its YAML file. Grafana is given this
 * object (it has `jaegerQueryUrl`) to make its Jaeger data source; Prometheus scrapes its metrics.
 */
export class Jaeger extends Construct {
  readonly service: DockerService;
  /** http://<alias>:16686: what Grafana's Jaeger data source points at. */
  readonly jaegerQueryUrl: string;
  /** http://<alias>:14268/api/traces: where jaeger.thrift-over-HTTP clients send spans. */
  readonly collectorUrl: string;
  /** http://<LAN address>:14268/api/traces, where clients on other machines send spans, when published. */
  readonly lanCollectorUrl?: string;
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
      image: props.image ?? 'jaegertracing/jaeger:2.20.0',
      command: ['--config', `file:${CONFIG_FILE}`],
      ports: [
        ...JAEGER_PORTS.map((p) => ({ internal: p.port, protocol: p.protocol })),
        ...(props.publishCollector ? [{ internal: JAEGER_COLLECTOR_HTTP_PORT, ...props.publishCollector }] : []),
      ],
      // The image runs as uid 10001, which cannot write a new volume's root-owned directory.
      // /tmp is world-writable in the image: a new named volume mounted there takes its mode, so
      // Badger makes its directories without root.
      volumes: { [DATA_DIR]: `${props.namePrefix}-jaeger-data` },
      // The image is alpine-based: busybox wget is there. healthcheckv2 answers /status.
      healthcheck: httpHealthcheck(JAEGER_HEALTH_PORT, '/status'),
      memoryMb: props.memoryMb ?? 1024,
      // The application's containers (osmen's) send spans to it by name.
      joinNetworks: props.host.scrapeNetworks,
    });
    this.service.addFile(CONFIG_FILE, () => toYaml(this.configObject()));
    this.service.addFile(SAMPLING_FILE, () => JSON.stringify(this.samplingStrategies(), null, 2));
    this.jaegerQueryUrl = this.service.url(JAEGER_QUERY_PORT);
    this.collectorUrl = this.service.url(JAEGER_COLLECTOR_HTTP_PORT, '/api/traces');
    if (props.publishCollector) this.lanCollectorUrl = `http://${props.publishCollector.ip}:${JAEGER_COLLECTOR_HTTP_PORT}/api/traces`;
    props.prometheus?.addScrapeJob('jaeger').addTargets([`${this.service.name}:${JAEGER_METRICS_PORT}`]);
  }

  /** config.yaml as data (Jaeger v2's OpenTelemetry Collector configuration), before YAML rendering. */
  configObject(): JaegerConfig {
    return {
      service: {
        extensions: ['jaeger_storage', 'jaeger_query', 'remote_sampling', 'healthcheckv2'],
        pipelines: { traces: { receivers: ['otlp', 'jaeger', 'zipkin'], processors: ['batch'], exporters: ['jaeger_storage_exporter'] } },
        telemetry: {
          resource: { 'service.name': 'jaeger' },
          metrics: { level: 'detailed', readers: [{ pull: { exporter: { prometheus: { host: '0.0.0.0', port: JAEGER_METRICS_PORT } } } }] },
          logs: { level: 'info' },
        },
      },
      extensions: {
        healthcheckv2: { use_v2: true, http: { endpoint: anyAddress(JAEGER_HEALTH_PORT) } },
        jaeger_query: { storage: { traces: STORE }, http: { endpoint: anyAddress(JAEGER_QUERY_PORT) } },
        jaeger_storage: {
          backends: {
            [STORE]: {
              badger: {
                directories: { keys: `${DATA_DIR}/badger/keys`, values: `${DATA_DIR}/badger/values` },
                ephemeral: false,
                ttl: { spans: inHours(this.retention) },
              },
            },
          },
        },
        // The default strategy clients that sample remotely are given (the spec's rate).
        remote_sampling: {
          file: { path: SAMPLING_FILE },
          http: { endpoint: anyAddress(SAMPLING_HTTP_PORT) },
          grpc: { endpoint: anyAddress(5779) },
        },
      },
      receivers: {
        otlp: { protocols: { grpc: { endpoint: anyAddress(4317) }, http: { endpoint: anyAddress(4318) } } },
        jaeger: {
          protocols: {
            grpc: { endpoint: anyAddress(14250) },
            thrift_http: { endpoint: anyAddress(JAEGER_COLLECTOR_HTTP_PORT) },
            thrift_compact: { endpoint: anyAddress(6831) },
            thrift_binary: { endpoint: anyAddress(6832) },
          },
        },
        zipkin: { endpoint: anyAddress(9411) },
      },
      processors: { batch: {} },
      exporters: { jaeger_storage_exporter: { trace_storage: STORE } },
    };
  }

  /** The sampling strategies file, as data. */
  samplingStrategies(): JaegerSamplingStrategies {
    return { default_strategy: { type: 'probabilistic', param: this.samplingRate } };
  }
}
