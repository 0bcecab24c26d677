import { Construct } from 'constructs';
import { Fn, Token } from 'cdktf';
import { z } from 'zod';
import type * as dashboard from '@grafana/grafana-foundation-sdk/dashboard';
import { DockerHost } from './docker-host';
import { DockerService, httpHealthcheck } from './docker-service';
import { IPrometheus } from './prometheus-server';
import { secretVariable, terraformLiteral } from '../../lib/terraform';
import { GrafanaDashboard, GrafanaDataSource, GrafanaFolder, GrafanaProvider } from '../../constructs/grafana';
import { ConfigError, describeValue, fieldError } from '../../lib/errors';

/** Where Grafana reads logs; implemented by the Loki construct. */
export interface LogsSource {
  /** Loki's HTTP API on the stack network, e.g. http://homelab-loki:3100, or its gateway's (https). */
  readonly lokiUrl: string;
  /** The user and CA for a gateway that serves TLS and requires authentication. @default none */
  readonly lokiAuth?: { readonly username: string; readonly password: string; readonly caCertPem: string };
}

/** Where Grafana reads traces; implemented by the Jaeger construct. */
export interface TracesSource {
  /** Jaeger query's HTTP API on the stack network, e.g. http://homelab-jaeger:16686. */
  readonly jaegerQueryUrl: string;
}

export interface GrafanaWithDashboardsProps {
  /**
   * The Docker host Grafana runs on. Terraform reaches Grafana's API on this host's 127.0.0.1,
   * so it must be the machine that runs `cdktf deploy` (a local engine).
   */
  readonly host: DockerHost;
  /** The environment: prefix of the container, volume, folder and data source uids. */
  readonly namePrefix: string;
  /** The default data source. */
  readonly prometheus: IPrometheus;
  /** @default no Loki data source */
  readonly logs?: LogsSource;
  /** @default no Jaeger data source */
  readonly traces?: TracesSource;
  /** Sensitive Terraform variable holding the admin password. @default grafana_admin_password */
  readonly adminPasswordSecret?: string;
  /** Host port of the UI and API, bound to 127.0.0.1. @default 3000 */
  readonly port?: number;
}

/** Grafana references to the data sources this construct creates, for dashboard queries. */
export interface GrafanaDataSources {
  readonly prometheus: dashboard.DataSourceRef;
  readonly loki?: dashboard.DataSourceRef;
  readonly jaeger?: dashboard.DataSourceRef;
}

export const GRAFANA_IMAGE = 'grafana/grafana:13.2.0';
export const GRAFANA_PORT = 3000;
export const GRAFANA_ADMIN_USER = 'admin';
const DEFAULT_ADMIN_PASSWORD_SECRET = 'grafana_admin_password';
const ADMIN_PASSWORD_FILE = '/run/secrets/grafana-admin-password';

/**
 * A log line's trace id: `trace_id=…`, `traceID: …`, `"traceId":"…"` (logfmt, YAML-ish or JSON),
 * followed by 16 or 32 hex digits (a Jaeger 64-bit or a W3C/OpenTelemetry 128-bit id). Grafana
 * runs it as a JavaScript regular expression; the first group is the id.
 */
export const TRACE_ID_REGEX = '(?:[Tt]race_?[Ii][Dd])"?\\s*[=:]\\s*"?([0-9a-fA-F]{32}|[0-9a-fA-F]{16})\\b';

const propsSchema = z.object({
  namePrefix: z.string().regex(/^[a-z][a-z0-9-]*$/, { error: 'a lower-case name such as "homelab" (letters, digits, "-")' }),
  adminPasswordSecret: z
    .string()
    .regex(/^[a-z][a-z0-9_]*$/, { error: 'the snake_case name of a sensitive variable, such as "grafana_admin_password"' })
    .optional(),
  port: z.number({ error: 'an integer port from 1 to 65535' }).int({ error: 'an integer port from 1 to 65535' }).min(1, { error: 'an integer port from 1 to 65535' }).max(65535, { error: 'an integer port from 1 to 65535' }).optional(),
});

/** Grafana dashboard uids: 1 to 40 letters, digits, "-" and "_". */
const DASHBOARD_UID = /^[A-Za-z0-9_-]{1,40}$/;

/** The error with a note after what was given: `..., got "x" (added already)`. */
function withNote(error: ConfigError, note: string): ConfigError {
  return new ConfigError(`${error.message} (${note})`);
}

/**
 * Grafana in a container, and what Terraform creates in it: an aliased grafana provider that
 * logs in as admin with the password from a sensitive variable, one data source per backend it
 * is given (Prometheus the default; Loki and Jaeger when given, linked by trace id), one folder
 * for the environment, and the dashboards added with addDashboard. Every Grafana resource
 * depends on the container, which `cdktf deploy` waits to be healthy, so one deploy creates
 * everything in order.
 */
export class GrafanaWithDashboards extends Construct {
  readonly service: DockerService;
  readonly provider: GrafanaProvider;
  readonly folder: GrafanaFolder;
  readonly prometheusDataSource: GrafanaDataSource;
  readonly lokiDataSource?: GrafanaDataSource;
  readonly jaegerDataSource?: GrafanaDataSource;
  /** http://127.0.0.1:<port>: where the UI is, on the Docker host. */
  readonly url: string;
  /** The dashboard models added, by uid, in the order they were added. */
  private readonly models = new Map<string, dashboard.Dashboard>();
  private readonly titles = new Map<string, string>();

  constructor(scope: Construct, id: string, props: GrafanaWithDashboardsProps) {
    super(scope, id);
    const checked = propsSchema.safeParse({ namePrefix: props.namePrefix, adminPasswordSecret: props.adminPasswordSecret, port: props.port });
    if (!checked.success) {
      const issue = checked.error.issues[0];
      const field = String(issue.path[0]);
      const given = (props as unknown as Record<string, unknown>)[field];
      throw fieldError(this, field, given, issue.message);
    }
    const env = props.namePrefix;
    const port = props.port ?? GRAFANA_PORT;
    const password = secretVariable(
      this,
      props.adminPasswordSecret ?? DEFAULT_ADMIN_PASSWORD_SECRET,
      `Password of Grafana's "${GRAFANA_ADMIN_USER}" user in ${env}; Terraform's grafana provider logs in with it`,
    );

    this.service = new DockerService(this, 'service', {
      host: props.host,
      name: `${env}-grafana`,
      image: GRAFANA_IMAGE,
      env: {
        GF_SECURITY_ADMIN_USER: GRAFANA_ADMIN_USER,
        // The password is read from an uploaded file: no environment variable holds it.
        GF_SECURITY_ADMIN_PASSWORD__FILE: ADMIN_PASSWORD_FILE,
        GF_USERS_ALLOW_SIGN_UP: 'false',
        GF_AUTH_ANONYMOUS_ENABLED: 'false',
        GF_ANALYTICS_REPORTING_ENABLED: 'false',
        GF_ANALYTICS_CHECK_FOR_UPDATES: 'false',
      },
      ports: [{ internal: GRAFANA_PORT, external: port }],
      volumes: { '/var/lib/grafana': `${env}-grafana-data` },
      healthcheck: httpHealthcheck(GRAFANA_PORT, '/api/health'),
      memoryMb: 512,
    });
    this.service.addSecretFile(ADMIN_PASSWORD_FILE, password);

    // Terraform runs on the Docker host and reaches Grafana at its published port.
    this.url = `http://127.0.0.1:${port}`;
    this.provider = new GrafanaProvider(this, 'provider', {
      url: this.url,
      auth: `${GRAFANA_ADMIN_USER}:${password.stringValue}`,
      alias: env.replace(/-/g, '_'),
    });
    // The container is created with wait=true: it is healthy before anything below is created.
    const afterGrafana = { provider: this.provider, dependsOn: [this.service.container] };

    this.prometheusDataSource = new GrafanaDataSource(this, 'prometheus', {
      ...afterGrafana,
      type: 'prometheus',
      name: 'Prometheus',
      uid: `${env}-prometheus`,
      url: props.prometheus.url,
      isDefault: true,
      accessMode: 'proxy',
      // timeInterval is the scrape interval: $__rate_interval is at least four of them.
      jsonDataEncoded: JSON.stringify({ httpMethod: 'POST', timeInterval: props.prometheus.scrapeInterval }),
    });
    const jaegerUid = `${env}-jaeger`;
    if (props.traces) {
      this.jaegerDataSource = new GrafanaDataSource(this, 'jaeger', {
        ...afterGrafana,
        type: 'jaeger',
        name: 'Jaeger',
        uid: jaegerUid,
        url: props.traces.jaegerQueryUrl,
        accessMode: 'proxy',
      });
    }
    if (props.logs) {
      // With traces, a trace id in a log line becomes a link that opens the trace in Jaeger.
      const derivedFields = props.traces
        ? [{ name: 'TraceID', matcherRegex: TRACE_ID_REGEX, url: '${__value.raw}', datasourceUid: jaegerUid, urlDisplayLabel: 'Open trace in Jaeger' }]
        : undefined;
      const auth = props.logs.lokiAuth;
      this.lokiDataSource = new GrafanaDataSource(this, 'loki', {
        ...afterGrafana,
        type: 'loki',
        name: 'Loki',
        uid: `${env}-loki`,
        url: props.logs.lokiUrl,
        accessMode: 'proxy',
        jsonDataEncoded: terraformLiteral(
          JSON.stringify({ maxLines: 1000, ...(derivedFields ? { derivedFields } : {}), ...(auth ? { tlsAuthWithCACert: true } : {}) }),
        ),
        // Through Loki's gateway: basic auth, and the gateway's certificate verified against the environment's CA.
        ...(auth
          ? {
              basicAuthEnabled: true,
              basicAuthUsername: auth.username,
              secureJsonDataEncoded: Token.asString(Fn.jsonencode({ basicAuthPassword: auth.password, tlsCACert: auth.caCertPem })),
            }
          : {}),
      });
    }

    this.folder = new GrafanaFolder(this, 'folder', { ...afterGrafana, title: env, uid: env });
  }

  /** The references dashboards use to query this Grafana's data sources. */
  get dataSources(): GrafanaDataSources {
    const ref = (ds: GrafanaDataSource | undefined) => (ds ? { type: ds.type, uid: ds.uid } : undefined);
    return {
      prometheus: ref(this.prometheusDataSource)!,
      ...(this.lokiDataSource ? { loki: ref(this.lokiDataSource) } : {}),
      ...(this.jaegerDataSource ? { jaeger: ref(this.jaegerDataSource) } : {}),
    };
  }

  /** Uids of the data sources this construct creates. */
  get dataSourceUids(): string[] {
    return Object.values(this.dataSources).flatMap((ref: dashboard.DataSourceRef | undefined) => (ref?.uid === undefined ? [] : [ref.uid]));
  }

  /**
   * Adds a dashboard model (built with @grafana/grafana-foundation-sdk) to the environment's
   * folder. Its uid is its Terraform address: keep it stable. Every data source it names must
   * be one this construct creates.
   */
  addDashboard(model: dashboard.Dashboard): GrafanaDashboard {
    const uid = model.uid;
    const byTitle = `${this.node.path}: dashboard ${describeValue(model.title)}`;
    if (typeof uid !== 'string' || !DASHBOARD_UID.test(uid)) {
      throw fieldError(byTitle, 'uid', uid, '1 to 40 letters, digits, "-" or "_" (a stable uid such as "homelab-alerts")');
    }
    const byUid = `${this.node.path}: dashboard "${uid}"`;
    if (typeof model.title !== 'string' || model.title.trim() === '') {
      throw fieldError(byUid, 'title', model.title, 'a title');
    }
    if (this.models.has(uid)) {
      throw withNote(fieldError(byTitle, 'uid', uid, 'a uid no other dashboard has'), 'added already');
    }
    const sameTitle = this.titles.get(model.title);
    if (sameTitle !== undefined) {
      throw withNote(fieldError(byUid, 'title', model.title, `a title no other dashboard in folder "${this.folder.uid}" has`), `dashboard "${sameTitle}" has it`);
    }
    this.checkDataSources(model);

    const resource = new GrafanaDashboard(this, `dashboard-${uid}`, {
      provider: this.provider,
      dependsOn: [this.service.container, this.folder],
      folder: this.folder.uid,
      configJson: terraformLiteral(JSON.stringify(model)),
      overwrite: true,
      message: `Deployed by cdktf (stack ${this.folder.uid})`,
    });
    this.models.set(uid, model);
    this.titles.set(model.title, uid);
    return resource;
  }

  /** The dashboard models added, in order: what the deploy sends, for checks that read them. */
  get dashboardModels(): readonly dashboard.Dashboard[] {
    return [...this.models.values()];
  }

  /** Every data source reference of every panel, query and variable names one of ours. */
  private checkDataSources(model: dashboard.Dashboard): void {
    const known = this.dataSourceUids;
    const expected = `one of ${known.map((u) => `"${u}"`).join(', ')}`;
    const check = (ref: dashboard.DataSourceRef | undefined, what: string) => {
      if (ref?.uid === undefined || !known.includes(ref.uid)) {
        throw fieldError(`${this.node.path}: dashboard "${model.uid}"`, `${what}: datasource uid`, ref?.uid, expected);
      }
    };
    const panels = (model.panels ?? []).flatMap((p) => (p.type === 'row' ? ('panels' in p ? p.panels : []) : [p]));
    for (const panel of panels as dashboard.Panel[]) {
      const what = `panel ${describeValue(panel.title)}`;
      check(panel.datasource, what);
      for (const target of (panel.targets ?? []) as Array<{ datasource?: dashboard.DataSourceRef; refId?: string }>) {
        check(target.datasource, `${what}, query ${target.refId ?? '?'}`);
      }
    }
    for (const variable of model.templating.list ?? []) {
      if (String(variable.type) === 'query') check(variable.datasource ?? undefined, `variable "${variable.name}"`);
    }
  }
}
