import { parseDocument, redactSecrets, sortKeys, unescapeTerraform } from './normalize';

/**
 * The meaning of one synthesized stack, read from its cdk.tf.json alone (no Terraform, no
 * providers, no state): what is scraped, which rules fire how, where alerts go, what the
 * dashboards show, where logs and traces go, which containers and variables exist. Docker stacks
 * carry their config files in `docker_container` upload blocks; Kubernetes stacks in
 * `kubernetes_manifest` objects (PrometheusRule, ServiceMonitor, PodMonitor, Prometheus), the
 * Alertmanager config in a Secret, dashboards in config maps, and `helm_release` values.
 * Whatever a stack does not have is simply empty.
 */

import type { Labels, ScrapeJob, Matcher, Route, Alertmanager, Panel, Dashboard, StackModel } from './model-types';
export type { Labels, ScrapeJob, Rule, Matcher, Route, InhibitRule, Alertmanager, Panel, Dashboard, Container, LogSettings, TraceSettings, StackModel } from './model-types';

type Json = Record<string, any>;

const PROMETHEUS_DEFAULT_INTERVAL = '1m';

function labelsOf(value: unknown): Labels {
  if (!value || typeof value !== 'object') return {};
  return Object.fromEntries(Object.entries(value as Json).map(([k, v]) => [k, String(v)]));
}

/** `severity="critical"`, `a=~"b|c"`, and the deprecated match / match_re maps, as matchers. */
export function parseMatchers(list: unknown, equal?: unknown, regex?: unknown): Matcher[] {
  const out: Matcher[] = [];
  for (const text of Array.isArray(list) ? list : []) {
    const m = /^\s*([A-Za-z_][A-Za-z0-9_]*)\s*(=~|!~|!=|=)\s*(.*?)\s*$/.exec(String(text));
    if (!m) continue;
    let value = m[3];
    if (value.startsWith('"') && value.endsWith('"')) value = JSON.parse(value) as string;
    out.push({ label: m[1], op: m[2] as Matcher['op'], value });
  }
  for (const [label, value] of Object.entries(labelsOf(equal))) out.push({ label, op: '=', value });
  for (const [label, value] of Object.entries(labelsOf(regex))) out.push({ label, op: '=~', value });
  return out;
}

function readRoute(r: Json): Route {
  return {
    receiver: r.receiver,
    matchers: parseMatchers(r.matchers, r.match, r.match_re),
    continue: r.continue === true,
    groupWait: r.group_wait,
    groupBy: r.group_by,
    muteTimeIntervals: r.mute_time_intervals ?? [],
    activeTimeIntervals: r.active_time_intervals ?? [],
    routes: (r.routes ?? []).map(readRoute),
  };
}

function readAlertmanager(doc: Json): Alertmanager {
  const receivers = new Map<string, string[]>();
  for (const r of doc.receivers ?? []) {
    receivers.set(String(r.name), Object.keys(r).filter((k) => k.endsWith('_configs') && (r[k] ?? []).length > 0).map((k) => k.replace(/_configs$/, '')).sort());
  }
  const timeIntervals = new Map<string, unknown>();
  for (const t of [...(doc.time_intervals ?? []), ...(doc.mute_time_intervals ?? [])]) timeIntervals.set(String(t.name), t.time_intervals);
  return {
    route: readRoute(doc.route ?? {}),
    receivers,
    inhibitRules: (doc.inhibit_rules ?? []).map((i: Json) => ({
      source: parseMatchers(i.source_matchers, i.source_match, i.source_match_re),
      target: parseMatchers(i.target_matchers, i.target_match, i.target_match_re),
      equal: i.equal ?? [],
    })),
    timeIntervals,
  };
}

function readScrapeJob(j: Json): ScrapeJob {
  const targets = new Map<string, Labels>();
  for (const group of j.static_configs ?? []) {
    for (const t of group.targets ?? []) targets.set(String(t), labelsOf(group.labels));
  }
  return {
    name: String(j.job_name),
    interval: j.scrape_interval,
    timeout: j.scrape_timeout,
    path: j.metrics_path ?? '/metrics',
    scheme: j.scheme ?? 'http',
    targets,
    discovery: Object.keys(j).filter((k) => k.endsWith('_sd_configs')).sort().map((k) => `${k.replace(/_sd_configs$/, '')} (${(j[k] ?? []).length})`),
  };
}

function readRuleGroups(model: StackModel, groups: unknown): void {
  for (const g of Array.isArray(groups) ? groups : []) {
    for (const r of g.rules ?? []) {
      model.rules.push({
        kind: r.alert !== undefined ? 'alert' : 'record',
        name: String(r.alert ?? r.record),
        group: String(g.name),
        interval: g.interval ?? '',
        expr: String(r.expr).trim(),
        for: r.for,
        labels: labelsOf(r.labels),
        annotations: labelsOf(r.annotations),
      });
    }
  }
}

function readPrometheus(model: StackModel, doc: Json): void {
  model.scrapeInterval = doc.global?.scrape_interval ?? PROMETHEUS_DEFAULT_INTERVAL;
  model.evaluationInterval = doc.global?.evaluation_interval ?? PROMETHEUS_DEFAULT_INTERVAL;
  model.externalLabels = labelsOf(doc.global?.external_labels);
  for (const j of doc.scrape_configs ?? []) model.jobs.set(String(j.job_name), readScrapeJob(j));
}

/** Every panel of a dashboard, rows' collapsed panels included. */
function panelsOf(list: unknown): Json[] {
  return (Array.isArray(list) ? list : []).flatMap((p: Json) => [p, ...panelsOf(p.panels)]);
}

function readDashboard(config: Json): Dashboard {
  const panels = new Map<string, Panel>();
  for (const p of panelsOf(config.panels)) {
    if (p.type === 'row') continue;
    const title = String(p.title ?? `(untitled #${p.id})`);
    const queries = (p.targets ?? []).map((t: Json) => String(t.expr ?? t.query ?? '')).filter((q: string) => q !== '').sort();
    const ds = p.datasource?.uid ?? (p.targets ?? [])[0]?.datasource?.uid;
    panels.set(title, {
      title,
      type: String(p.type),
      queries,
      unit: p.fieldConfig?.defaults?.unit,
      thresholds: sortKeys(p.fieldConfig?.defaults?.thresholds ?? null),
      datasource: ds,
      layout: p.gridPos ?? null,
    });
  }
  return { uid: String(config.uid), title: String(config.title ?? config.uid), panels };
}

function flagValue(command: string[], flag: string): string | undefined {
  const hit = command.find((c) => c.startsWith(`${flag}=`));
  return hit?.slice(flag.length + 1);
}

function readLoki(model: StackModel, doc: Json): void {
  const limits = doc.limits_config ?? {};
  model.logs ??= { streamRetention: [], sources: new Map() };
  model.logs.retention = limits.retention_period;
  model.logs.streamRetention = (limits.retention_stream ?? []).map((s: Json) => `${s.selector} ${s.period}`).sort();
}

function readPromtail(model: StackModel, owner: string, doc: Json): void {
  model.logs ??= { streamRetention: [], sources: new Map() };
  for (const s of doc.scrape_configs ?? []) {
    const { job_name: name, ...rest } = s;
    model.logs.sources.set(`${owner}/${name}`, sortKeys(rest));
  }
}

function isSecretName(name: string): boolean {
  return /secret|password|token|key|webhook/i.test(name);
}

const byJson = (a: unknown, b: unknown) => JSON.stringify(sortKeys(a)).localeCompare(JSON.stringify(sortKeys(b)));

/**
 * A prometheus.yml or rule file with the order that has no meaning taken out: scrape jobs by
 * name, static target groups and their targets sorted, alerting rules by name after the
 * recording rules (whose order within a group matters: a later one may read an earlier one).
 */
function canonical(doc: Json): Json {
  const out: Json = { ...doc };
  if (Array.isArray(doc.scrape_configs)) {
    out.scrape_configs = [...doc.scrape_configs]
      .map((j: Json) => (Array.isArray(j.static_configs)
        ? { ...j, static_configs: j.static_configs.map((s: Json) => ({ ...s, targets: [...(s.targets ?? [])].sort() })).sort(byJson) }
        : j))
      .sort((a: Json, b: Json) => String(a.job_name).localeCompare(String(b.job_name)));
  }
  if (Array.isArray(doc.groups)) {
    out.groups = doc.groups.map((g: Json) => ({
      ...g,
      rules: [
        ...(g.rules ?? []).filter((r: Json) => r.alert === undefined),
        ...(g.rules ?? []).filter((r: Json) => r.alert !== undefined).sort((a: Json, b: Json) => String(a.alert).localeCompare(String(b.alert)) || byJson(a, b)),
      ],
    }));
  }
  return out;
}

/**
 * An Alloy pipeline's components (`loki.source.file "syslog" { ... }`), each with its body, as
 * the log sources of its container. Alloy's renderer writes each top-level block from a line of
 * its own at column 0 to a lone `}`.
 */
function readAlloy(model: StackModel, container: string, text: string): void {
  model.logs ??= { streamRetention: [], sources: new Map() };
  let current: { key: string; body: string[] } | undefined;
  for (const line of text.split('\n')) {
    const head = /^([a-z_]+(?:\.[a-z_]+)+)\s+"([^"]*)"\s*\{\s*$/.exec(line);
    if (head && !current) current = { key: `${container}/${head[1]} "${head[2]}"`, body: [] };
    else if (current && line === '}') {
      model.logs.sources.set(current.key, current.body.map((l) => l.trim()).filter(Boolean));
      current = undefined;
    } else current?.body.push(line);
  }
}

/** A promtool test file: its tests under the name of the alert they test (one alert a file). */
function readRuleTests(model: StackModel, doc: Json): void {
  const tests = Array.isArray(doc.tests) ? doc.tests : [];
  const alerts = new Set<string>(tests.flatMap((t: Json) => (t.alert_rule_test ?? []).map((a: Json) => String(a.alertname))));
  const text = JSON.stringify(sortKeys(tests));
  for (const name of alerts) model.ruleTests.set(name, [model.ruleTests.get(name), text].filter(Boolean).join('\n'));
}

/** Reads what the review needs from one uploaded file; returns the file as the appendix shows it. */
function readUpload(model: StackModel, container: string, file: string, doc: unknown): unknown {
  const base = file.split('/').pop() ?? file;
  if (file.endsWith('.alloy') && typeof doc === 'string') readAlloy(model, container, doc);
  const json = doc && typeof doc === 'object' ? (doc as Json) : undefined;
  if (json && base === 'prometheus.yml') readPrometheus(model, json);
  else if (json && file.includes('/rules/')) readRuleGroups(model, json.groups);
  else if (json && file.includes('/prometheus/tests/')) readRuleTests(model, json);
  else if (json && base === 'alertmanager.yml') model.alertmanager = readAlertmanager(json);
  else if (json && /^loki\.ya?ml$/.test(base)) readLoki(model, json);
  else if (json && /^promtail\.ya?ml$/.test(base)) readPromtail(model, container, json);
  return json && (base === 'prometheus.yml' || file.includes('/rules/')) ? canonical(json) : doc;
}

/** A kubernetes_manifest's object: PrometheusRule groups, an Alertmanager config Secret, or anything else kept as a file. */
function readManifest(model: StackModel, address: string, manifest: Json): void {
  // A Secret's values are never kept: only which keys it has (its Alertmanager config is read below).
  const keysOnly = (data: unknown) => (data ? Object.fromEntries(Object.keys(data).map((k) => [k, '(secret)'])) : undefined);
  const kept = manifest.kind === 'Secret' ? { ...manifest, data: keysOnly(manifest.data), stringData: keysOnly(manifest.stringData) } : manifest;
  model.files.set(`${address}:${manifest.kind ?? 'object'}/${manifest.metadata?.name ?? ''}`, redactSecrets(kept));
  const spec = (manifest.spec ?? {}) as Json;
  if (manifest.kind === 'PrometheusRule') readRuleGroups(model, spec.groups);
  if (manifest.kind === 'Secret') readSecretData(model, address, manifest.stringData ?? manifest.data);
  if (manifest.kind === 'Prometheus') {
    model.scrapeInterval = spec.scrapeInterval ?? model.scrapeInterval;
    model.evaluationInterval = spec.evaluationInterval ?? model.evaluationInterval;
    model.externalLabels = { ...model.externalLabels, ...labelsOf(spec.externalLabels) };
    model.retention = { time: spec.retention, size: spec.retentionSize };
  }
  // The Prometheus Operator makes one scrape job of each endpoint of a ServiceMonitor or PodMonitor:
  // serviceMonitor/<namespace>/<name>/<index>. Their targets come from discovery.
  if (manifest.kind === 'ServiceMonitor' || manifest.kind === 'PodMonitor') {
    const endpoints = (spec.endpoints ?? spec.podMetricsEndpoints ?? []) as Json[];
    endpoints.forEach((e, i) => {
      const name = `${manifest.kind === 'ServiceMonitor' ? 'serviceMonitor' : 'podMonitor'}/${manifest.metadata?.namespace ?? ''}/${manifest.metadata?.name ?? ''}/${i}`;
      model.jobs.set(name, {
        name,
        interval: e.interval,
        timeout: e.scrapeTimeout,
        path: e.path ?? '/metrics',
        scheme: e.scheme ?? 'http',
        targets: new Map(),
        discovery: [`kubernetes ${manifest.kind === 'ServiceMonitor' ? 'endpoints' : 'pods'} ${JSON.stringify(sortKeys(spec.selector ?? {}))} port ${e.port ?? e.targetPort ?? '?'}`],
      });
    });
  }
}

function readSecretData(model: StackModel, address: string, data: unknown): void {
  for (const [key, value] of Object.entries((data ?? {}) as Json)) {
    if (typeof value !== 'string') continue;
    if (/^alertmanager\.ya?ml$/.test(key)) {
      const doc = parseDocument(unescapeTerraform(value));
      if (doc && typeof doc === 'object') model.alertmanager = readAlertmanager(doc as Json);
      model.files.set(`${address}:${key}`, redactSecrets(doc));
    }
  }
}

/**
 * What identifies a resource beyond its address: a container's, volume's or network's name, a
 * dashboard's uid, an object's kind and name, with the provider alias (the Docker host) when it
 * is not the default one; empty when nothing does.
 */
function identity(type: string, r: Json): string {
  let key: string | undefined;
  if (type === 'grafana_dashboard') {
    const config = typeof r.config_json === 'string' ? (parseDocument(unescapeTerraform(r.config_json)) as Json) : {};
    key = config?.uid;
  } else if (r.uid !== undefined) key = String(r.uid);
  else if (r.name !== undefined) key = String(r.name);
  else if (r.metadata?.name !== undefined) key = `${r.metadata.namespace ?? ''}/${r.metadata.name}`;
  else if (r.manifest?.metadata?.name !== undefined) key = `${r.manifest.kind}/${r.manifest.metadata.namespace ?? ''}/${r.manifest.metadata.name}`;
  if (key === undefined) return '';
  const provider = typeof r.provider === 'string' && r.provider.includes('.') ? ` on ${r.provider}` : '';
  return `${type} ${key}${provider}`;
}

/**
 * A backend without the folder it was synthesized in: cdktf's default local backend holds an
 * absolute path into the checkout (`/home/x/project/terraform.homelab.tfstate`), which differs
 * between two checkouts of one commit; it reads `<checkout>/terraform.homelab.tfstate`.
 */
function checkoutFree(backend: Json): Json {
  const local = backend.local as Json | undefined;
  if (typeof local?.path !== 'string' || !local.path.startsWith('/')) return backend;
  return { ...backend, local: { ...local, path: `<checkout>/${local.path.split('/').pop()}` } };
}

/** A stack with nothing in it: the side of an environment that does not exist. */
export function emptyStack(env: string): StackModel {
  return {
    env,
    scrapeInterval: PROMETHEUS_DEFAULT_INTERVAL,
    evaluationInterval: PROMETHEUS_DEFAULT_INTERVAL,
    externalLabels: {},
    retention: {},
    jobs: new Map(),
    rules: [],
    ruleTests: new Map(),
    lint: [],
    dashboards: new Map(),
    containers: new Map(),
    resources: new Map(),
    variables: new Map(),
    files: new Map(),
  };
}

/** Reads one stack's cdk.tf.json. */
export function readStack(env: string, json: Json): StackModel {
  const model = emptyStack(env);
  for (const f of json['//']?.monitoringLint ?? []) {
    const tag = f.disabledBecause !== undefined ? `disabled (${f.check}: ${f.disabledBecause}): ` : `${f.severity} (${f.check}): `;
    model.lint.push(`${f.where}: ${tag}${f.message}`);
  }
  for (const [name, v] of Object.entries((json.variable ?? {}) as Json)) model.variables.set(name, { sensitive: v?.sensitive === true });
  if (json.terraform?.backend !== undefined) model.backend = sortKeys(checkoutFree(json.terraform.backend));
  const resources = (json.resource ?? {}) as Record<string, Record<string, Json>>;
  const images = new Map<string, string>();
  for (const [name, r] of Object.entries(resources.docker_image ?? {})) images.set(`\${docker_image.${name}.image_id}`, String(r.name));
  for (const [type, byName] of Object.entries(resources)) {
    for (const [name, r] of Object.entries(byName)) model.resources.set(`${type}.${name}`, identity(type, r));
  }
  for (const [name, c] of Object.entries(resources.docker_container ?? {})) {
    const uploads: Record<string, unknown> = {};
    for (const u of c.upload ?? []) {
      const file = String(u.file);
      const secret = /\/secrets?\//.test(file) || isSecretName(file.split('/').pop() ?? '');
      const content = String(u.content ?? '');
      if (secret) {
        uploads[file] = redactSecrets(unescapeTerraform(content), 'secret');
        continue;
      }
      // The container holds the file as written (any edit replaces it); the review reads its meaning.
      const doc = parseDocument(unescapeTerraform(content));
      uploads[file] = redactSecrets(doc);
      model.files.set(`${c.name}:${file}`, redactSecrets(readUpload(model, String(c.name), file, doc)));
    }
    const command: string[] = (c.command ?? []).map(String);
    if (uploads['/etc/prometheus/prometheus.yml'] !== undefined) {
      model.retention = { time: flagValue(command, '--storage.tsdb.retention.time'), size: flagValue(command, '--storage.tsdb.retention.size') };
    }
    const image = images.get(String(c.image)) ?? unescapeTerraform(String(c.image));
    if (/jaeger/.test(image)) model.traces = { settings: sortKeys({ command, env: c.env ?? [], files: Object.fromEntries(Object.entries(uploads)) }) as Json };
    const { '//': _meta, upload: _upload, image: _image, ...rest } = c;
    model.containers.set(String(c.name), {
      name: String(c.name),
      image,
      address: `docker_container.${name}`,
      attributes: sortKeys(redactSecrets({ ...JSON.parse(unescapeTerraform(JSON.stringify(rest))), image, upload: uploads })) as Json,
      volumes: (c.volumes ?? []).filter((v: Json) => v.volume_name).map((v: Json) => `${String(v.volume_name).replace(/^\$\{docker_volume\.([^.]+)\.name\}$/, (_m, id: string) => resources.docker_volume?.[id]?.name ?? id)} at ${v.container_path}`),
    });
  }
  // Dashboards: grafana_dashboard resources, or JSON files of config maps (Grafana's dashboard sidecar).
  const addDashboard = (text: string) => {
    const config = parseDocument(unescapeTerraform(text));
    if (!config || typeof config !== 'object' || (config as Json).uid === undefined || !Array.isArray((config as Json).panels)) return;
    const dashboard = readDashboard(config as Json);
    model.dashboards.set(dashboard.uid, dashboard);
    model.files.set(`dashboard ${dashboard.uid}`, config);
  };
  for (const d of Object.values(resources.grafana_dashboard ?? {})) addDashboard(String(d.config_json ?? '{}'));
  for (const [type, byName] of Object.entries(resources)) {
    if (!type.startsWith('kubernetes_')) continue;
    for (const [name, r] of Object.entries(byName)) {
      const address = `${type}.${name}`;
      if (type === 'kubernetes_manifest' && r.manifest) readManifest(model, address, r.manifest);
      else if (type.startsWith('kubernetes_secret')) readSecretData(model, address, r.data);
      else if (type.startsWith('kubernetes_config_map')) {
        for (const [key, value] of Object.entries((r.data ?? {}) as Json)) if (key.endsWith('.json') && typeof value === 'string') addDashboard(value);
      }
    }
  }
  for (const [name, h] of Object.entries(resources.helm_release ?? {})) {
    model.files.set(`helm_release.${name}:values`, redactSecrets((h.values ?? []).map((v: string) => parseDocument(unescapeTerraform(String(v))))));
  }
  // Rule groups without an interval of their own are evaluated at the global one.
  for (const r of model.rules) r.interval ||= model.evaluationInterval;
  return model;
}
