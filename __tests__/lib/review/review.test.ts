import * as fs from 'fs';
import * as path from 'path';
import { parse } from 'yaml';
import { compareStacks, type EnvironmentReview } from '../../../lib/review/compare';
import { readStack } from '../../../lib/review/model';
import { toYaml } from '../../../lib/yaml';
import { TerraformStack } from 'cdktf';
import type { CheckId, Finding } from '../../../lib/lint';
import { recordLintFindings } from '../../../lib/lint-environment';
import { cleanupOutdirs, clone, synthEveryEnvironment, testApp, type TfJson } from '../../support/synth';

afterAll(cleanupOutdirs);

// Each environment synthesized once; every test edits a copy of its cdk.tf.json by hand, as a
// pull request's change would show in it, and reviews the copy against the original.
const built = synthEveryEnvironment();
const original = (env: string): TfJson => built(env).json;

type Doc = Record<string, any>;

/** A copy of the stack with one uploaded YAML file of one container edited. */
function editUpload(json: TfJson, container: string, file: string, edit: (doc: Doc) => void): TfJson {
  const copy = clone(json);
  const c = Object.values(copy.resource.docker_container).find((x) => x.name === container)!;
  const upload = c.upload.find((u: { file: string }) => u.file === file);
  const doc = parse(upload.content) as Doc;
  edit(doc);
  upload.content = toYaml(doc);
  return copy;
}

function review(env: string, after: TfJson, before: TfJson = original(env)): EnvironmentReview {
  return compareStacks(env, readStack(env, before), readStack(env, after));
}

const sectionIds = (r: EnvironmentReview) => r.sections.map((s) => s.id);
const texts = (r: EnvironmentReview, id: string) => r.sections.find((s) => s.id === id)?.items.map((i) => i.text) ?? [];
const warnings = (r: EnvironmentReview) => r.sections.flatMap((s) => s.items.filter((i) => i.warning).map((i) => i.text));

function rule(doc: Doc, name: string): Doc {
  for (const g of doc.groups) for (const r of g.rules) if ((r.alert ?? r.record) === name) return r;
  throw new Error(`no rule ${name}`);
}

describe('semantic review of hand-made changes', () => {
  test('an unchanged stack is unchanged: no section, no appendix', () => {
    for (const env of ['homelab', 'llama-orch', 'lloom', 'osmen']) {
      const r = review(env, clone(original(env)));
      expect(r.status).toBe('unchanged');
      expect(r.sections).toEqual([]);
      expect(r.appendix).toEqual([]);
    }
  });

  test('a threshold: the alert rule, the rule file in the appendix, and Prometheus replaced', () => {
    const after = editUpload(original('homelab'), 'homelab-prometheus', '/etc/prometheus/rules/homelab-alerts.yml', (d) => {
      rule(d, 'SignalQueueBacklog').expr = 'brain_signal_queue_total{status="pending"} > 5000';
    });
    const r = review('homelab', after);
    expect(sectionIds(r)).toEqual(['alerts', 'deployment']);
    // Its deployed tests (/etc/prometheus/tests/) were left as they were: the change is flagged.
    expect(texts(r, 'alerts')).toEqual(['~**SignalQueueBacklog**: threshold `> 2000` → `> 5000`; expression changed, its tests did not']);
    expect(warnings(r)).toEqual(texts(r, 'alerts'));
    expect(texts(r, 'deployment')).toEqual([
      'container homelab-prometheus replaced: /etc/prometheus/rules/homelab-alerts.yml changed (state kept on homelab-prometheus-data at /prometheus)',
    ]);
    expect(r.appendix.map((f) => f.file)).toEqual(['homelab-prometheus:/etc/prometheus/rules/homelab-alerts.yml']);
    expect(r.appendix[0].diff).toContain('-        expr: brain_signal_queue_total{status="pending"} > 2000\n+        expr: brain_signal_queue_total{status="pending"} > 5000');
    expect(r.summary.alerts).toEqual({ added: 0, removed: 0, changed: 1 });
  });

  test('a threshold changed with its tests: no warning, and the test file is part of the change', () => {
    const rules = editUpload(original('homelab'), 'homelab-prometheus', '/etc/prometheus/rules/homelab-alerts.yml', (d) => {
      rule(d, 'SignalQueueBacklog').expr = 'brain_signal_queue_total{status="pending"} > 5000';
    });
    const tests = '/etc/prometheus/tests/homelab-alerts.SignalQueueBacklog.test.yml';
    const after = editUpload(rules, 'homelab-prometheus', tests, (d) => {
      d.tests[0].input_series[0].values = '5001x10';
    });
    const r = review('homelab', after);
    expect(texts(r, 'alerts')).toEqual(['~**SignalQueueBacklog**: threshold `> 2000` → `> 5000`']);
    expect(warnings(r)).toEqual([]);
    expect(texts(r, 'deployment')).toEqual([
      `container homelab-prometheus replaced: /etc/prometheus/rules/homelab-alerts.yml changed, ${tests} changed (state kept on homelab-prometheus-data at /prometheus)`,
    ]);
  });

  test('a `for` changed without its tests: not flagged, only an expression change is', () => {
    const after = editUpload(original('homelab'), 'homelab-prometheus', '/etc/prometheus/rules/homelab-alerts.yml', (d) => {
      rule(d, 'WorkerDown').for = '5m';
    });
    expect(warnings(review('homelab', after))).toEqual([]);
  });

  test('a `for`: the alert rule and its time to page', () => {
    const after = editUpload(original('homelab'), 'homelab-prometheus', '/etc/prometheus/rules/homelab-alerts.yml', (d) => {
      rule(d, 'WorkerDown').for = '5m';
    });
    const r = review('homelab', after);
    expect(sectionIds(r)).toEqual(['paging', 'alerts', 'deployment']);
    expect(texts(r, 'alerts')).toEqual(['~**WorkerDown**: for 2m → 5m']);
    // Evaluation 15s + for + group_wait 10s, to PagerDuty and (continue) the team.
    expect(texts(r, 'paging')).toEqual([
      '**WorkerDown** (severity critical): pagerduty after 2m25s; ops-team after 2m25s → pagerduty after 5m25s; ops-team after 5m25s',
    ]);
  });

  test("a route's receiver: only the alerts whose outcome changed, and the severity", () => {
    const after = editUpload(original('lloom'), 'lloom-alertmanager', '/etc/alertmanager/alertmanager.yml', (d) => {
      const warning = d.route.routes.find((x: Doc) => x.matchers.includes('severity="warning"'));
      warning.receiver = 'default';
    });
    const r = review('lloom', after);
    expect(sectionIds(r)).toEqual(['paging', 'deployment']);
    const paging = texts(r, 'paging');
    // Watchdog takes the heartbeat route, the first, whatever its severity: its outcome does not change.
    const warningAlerts = readStack('lloom', original('lloom')).rules.filter((x) => x.kind === 'alert' && x.labels.severity === 'warning' && x.name !== 'Watchdog');
    expect(paging).toHaveLength(warningAlerts.length + 1);
    expect(paging.at(-1)).toBe('severity warning: slack → default');
    expect(paging.filter((t) => t.includes('(severity critical)'))).toEqual([]);
    expect(paging.find((t) => t.startsWith('**HighClientErrorRate**'))).toMatch(/^\*\*HighClientErrorRate\*\* \(severity warning\): slack after \S+ → default after \S+$/);
  });

  test('a removed `continue`: critical alerts stop reaching the second receiver', () => {
    const after = editUpload(original('homelab'), 'homelab-alertmanager', '/etc/alertmanager/alertmanager.yml', (d) => {
      delete d.route.routes.find((x: Doc) => x.receiver === 'pagerduty').continue;
    });
    const r = review('homelab', after);
    expect(sectionIds(r)).toEqual(['paging', 'deployment']);
    expect(texts(r, 'paging')).toEqual([
      '**WorkerDown** (severity critical): pagerduty after 2m25s; ops-team after 2m25s → pagerduty after 2m25s',
      'severity critical: pagerduty, ops-team → pagerduty',
    ]);
  });

  test('a route to a receiver with no integration warns that the severity reaches no one', () => {
    const after = editUpload(original('lloom'), 'lloom-alertmanager', '/etc/alertmanager/alertmanager.yml', (d) => {
      d.receivers.push({ name: 'void' });
      d.route.routes.find((x: Doc) => x.matchers.includes('severity="warning"')).receiver = 'void';
    });
    const r = review('lloom', after);
    expect(warnings(r)).toContain('severity warning: slack → void: loses every receiver');
    // Evaluation every 30s (its group) + for 5m + group_wait 10s.
    expect(warnings(r)).toContain('**HighClientErrorRate** (severity warning): slack after 5m40s → void (delivers nowhere) after 5m40s: reaches no one');
  });

  test('an added scrape job: the targets, its generated TargetDown tied to it, capacity', () => {
    const after = editUpload(original('osmen'), 'osmen-prometheus', '/etc/prometheus/prometheus.yml', (d) => {
      d.scrape_configs.push({ job_name: 'node', static_configs: [{ targets: ['osmen:9100'] }] });
    });
    const withRule = editUpload(after, 'osmen-prometheus', '/etc/prometheus/rules/osmen-targets.yml', (d) => {
      d.groups[0].rules.push({ alert: 'NodeTargetDown', expr: 'up{job="node"} == 0', for: '2m', labels: { severity: 'warning' } });
    });
    const r = review('osmen', withRule);
    // The new generated alert is listed once, with its cause and where it pages, not under Paging impact.
    expect(sectionIds(r)).toEqual(['generated', 'scrape', 'capacity', 'deployment']);
    expect(texts(r, 'scrape')).toEqual(['+job **node**: osmen:9100 every 15s at /metrics']);
    expect(texts(r, 'generated')).toEqual(['+NodeTargetDown because job node was added: slack after 2m25s']);
    expect(texts(r, 'capacity')[0]).toMatch(/^targets: (\d+) → (\d+)$/);
    const [, x, y] = /^targets: (\d+) → (\d+)$/.exec(texts(r, 'capacity')[0])!;
    expect(Number(y) - Number(x)).toBe(1);
  });

  test('a panel query: the dashboard by uid and the panel by title', () => {
    const after = clone(original('homelab'));
    const dash = Object.values(after.resource.grafana_dashboard).find((d) => JSON.parse(d.config_json).uid === 'homelab-system-infrastructure')!;
    const config = JSON.parse(dash.config_json);
    const panel = config.panels.find((p: Doc) => p.targets?.[0]?.expr?.includes('node_load'));
    const before = panel.targets[0].expr as string;
    panel.targets[0].expr = before.replace(/node_load\d+/, 'node_load1');
    dash.config_json = JSON.stringify(config);
    const r = review('homelab', after);
    expect(sectionIds(r)).toEqual(['dashboards']);
    expect(texts(r, 'dashboards')).toEqual([
      `~**System Infrastructure** (homelab-system-infrastructure): panel "${panel.title}": query metric \`${/node_load\d+/.exec(before)![0]}\` → \`node_load1\``,
    ]);
    expect(r.appendix.map((f) => f.file)).toEqual(['dashboard homelab-system-infrastructure']);
  });

  test('panels moved only: counted, not listed', () => {
    const after = clone(original('homelab'));
    const dash = Object.values(after.resource.grafana_dashboard).find((d) => JSON.parse(d.config_json).uid === 'homelab-alerts')!;
    const config = JSON.parse(dash.config_json);
    const moved = config.panels.filter((p: Doc) => p.type !== 'row').slice(0, 2);
    for (const p of moved) p.gridPos.y += 100;
    dash.config_json = JSON.stringify(config);
    expect(texts(review('homelab', after), 'dashboards')).toEqual([`~**Alerts** (homelab-alerts): 2 panels moved or resized`]);
  });

  test('a renamed recording rule that a panel and a rule still read: a warning naming them', () => {
    const after = editUpload(original('lloom'), 'lloom-prometheus', '/etc/prometheus/rules/capacity_planning.yml', (d) => {
      rule(d, 'lloom:request_rate:5m').record = 'lloom:requests:rate5m';
    });
    const r = review('lloom', after);
    expect(sectionIds(r)).toEqual(['recording', 'deployment']);
    const [line] = texts(r, 'recording');
    expect(texts(r, 'recording')).toHaveLength(1);
    expect(line).toMatch(/^renamed lloom:request_rate:5m → lloom:requests:rate5m, still read by .*panel "[^"]+" \(lloom-overview\)/);
    expect(warnings(r)).toEqual([line]);
  });

  test('a construct id change: the address moves, destroy and create', () => {
    const after = clone(original('osmen'));
    const dashboards = after.resource.grafana_dashboard;
    const [key] = Object.keys(dashboards).filter((k) => k.includes('osmen-costs'));
    dashboards[key.replace('grafana_dashboard-', 'grafana_board-')] = dashboards[key];
    delete dashboards[key];
    const r = review('osmen', after);
    expect(r.status).toBe('changed');
    expect(sectionIds(r)).toEqual(['deployment']);
    expect(texts(r, 'deployment')).toEqual([`grafana_dashboard.${key} → grafana_dashboard.${key.replace('grafana_dashboard-', 'grafana_board-')}: destroyed and created`]);
    expect(r.appendix).toEqual([]);
  });

  test('ordering noise is no change: scrape jobs, targets, labels and rules reordered', () => {
    let after = editUpload(original('homelab'), 'homelab-prometheus', '/etc/prometheus/prometheus.yml', (d) => {
      d.scrape_configs.reverse();
      for (const j of d.scrape_configs) for (const s of j.static_configs ?? []) s.targets.reverse();
      d.scrape_configs[0].static_configs?.reverse();
    });
    after = editUpload(after, 'homelab-prometheus', '/etc/prometheus/rules/homelab-alerts.yml', (d) => {
      d.groups[0].rules.reverse();
      for (const r of d.groups[0].rules) r.labels = Object.fromEntries(Object.entries(r.labels).reverse());
    });
    const r = review('homelab', after);
    // The files differ, so Terraform replaces Prometheus; nothing else is a change.
    expect(sectionIds(r)).toEqual(['deployment']);
    expect(texts(r, 'deployment')).toEqual([
      'container homelab-prometheus replaced: /etc/prometheus/prometheus.yml changed, /etc/prometheus/rules/homelab-alerts.yml changed (state kept on homelab-prometheus-data at /prometheus)',
    ]);
    expect(r.appendix).toEqual([]);
  });
});

describe('logs, capacity and deployment', () => {
  test('a log retention: the logs section, and Loki replaced with its data kept', () => {
    const after = editUpload(original('osmen'), 'osmen-loki', '/etc/loki/loki.yaml', (d) => {
      d.limits_config.retention_period = '720h';
    });
    const r = review('osmen', after);
    expect(sectionIds(r)).toEqual(['logs', 'deployment']);
    expect(texts(r, 'logs')).toEqual(['log retention 360h → 720h']);
    expect(texts(r, 'deployment')).toEqual(['container osmen-loki replaced: /etc/loki/loki.yaml changed (state kept on osmen-loki-data at /loki)']);
  });

  test("a log source's label in an Alloy pipeline: that component's lines", () => {
    const after = clone(original('homelab'));
    const alloy = Object.values(after.resource.docker_container).find((c) => c.name === 'homelab-alloy')!;
    const upload = alloy.upload.find((u: { file: string }) => u.file === '/etc/alloy/config.alloy');
    expect(upload.content).toContain('"service" = "mvps",');
    upload.content = upload.content.replace('"service" = "mvps",', '"service" = "mvp-apps",');
    const r = review('homelab', after);
    expect(sectionIds(r)).toEqual(['logs', 'deployment']);
    expect(texts(r, 'logs')).toEqual(['~log source homelab-alloy/local.file_match "file_mvps": -`"service" = "mvps",`, +`"service" = "mvp-apps",`']);
  });

  test('a metrics retention: disk for the retention doubles, Prometheus replaced for its command', () => {
    const after = clone(original('osmen'));
    const prom = Object.values(after.resource.docker_container).find((c) => c.name === 'osmen-prometheus')!;
    prom.command = prom.command.map((f: string) => f.replace('retention.time=15d', 'retention.time=30d'));
    const r = review('osmen', after);
    expect(sectionIds(r)).toEqual(['capacity', 'deployment']);
    const [line] = texts(r, 'capacity');
    const [, x, y] = /^disk for the retention \(30d\): ([\d.]+) MB → ([\d.]+) MB$/.exec(line)!;
    expect(Number(y) / Number(x)).toBeCloseTo(2, 1);
    expect(texts(r, 'deployment')).toEqual(['container osmen-prometheus replaced: command changed (state kept on osmen-prometheus-data at /prometheus)']);
  });

  test('a new sensitive variable and a volume renamed: warnings to act on before deploying', () => {
    const after = clone(original('osmen'));
    after.variable = { ...after.variable, redis_password: { sensitive: true, type: 'string', nullable: false } };
    const volumes = after.resource.docker_volume;
    const [key] = Object.keys(volumes).filter((k) => k.includes('grafana'));
    volumes[key].name = 'osmen-grafana-storage';
    const r = review('osmen', after);
    expect(warnings(r)).toEqual([
      `volume osmen-grafana-data (docker_volume.${key}) destroyed: its data is lost`,
      'new sensitive variable `redis_password`: set TF_VAR_redis_password before deploying',
    ]);
    expect(r.summary.newVariables).toEqual(['redis_password']);
  });

  test('a new state backend: a warning to move the state before deploying', () => {
    const after = clone(original('llama-orch'));
    after.terraform = { ...after.terraform, backend: { s3: { bucket: 'tf-state', key: 'llama-orch.tfstate', region: 'eu-west-1' } } };
    const r = review('llama-orch', after);
    expect(sectionIds(r)).toEqual(['deployment']);
    expect(warnings(r)).toEqual([
      `Terraform state backend ${JSON.stringify(original('llama-orch').terraform?.backend)} → {"s3":{"bucket":"tf-state","key":"llama-orch.tfstate","region":"eu-west-1"}}: move the state (terraform init -migrate-state) before deploying`,
    ]);
  });

  test("cdktf's default local backend in two checkouts is one backend", () => {
    const at = (dir: string) => ({ ...clone(original('osmen')), terraform: { backend: { local: { path: `${dir}/terraform.osmen.tfstate` } } } });
    expect(review('osmen', at('/tmp/b/tree'), at('/home/a/project')).status).toBe('unchanged');
  });

  test('an environment that is new: every section says what it brings', () => {
    const r = compareStacks('osmen', undefined, readStack('osmen', original('osmen')));
    expect(r.status).toBe('added');
    expect(sectionIds(r)).toEqual(['paging', 'alerts', 'generated', 'recording', 'scrape', 'dashboards', 'logs', 'capacity', 'deployment']);
    expect(r.summary.targets.before).toBe(0);
  });
});

describe('Kubernetes stacks', () => {
  // The objects a Kubernetes stack carries: PrometheusRule and ServiceMonitor objects, the
  // Alertmanager config in a Secret, dashboards in config maps (Grafana's sidecar), a chart's values.
  const k8s = (o: { threshold: number; receiver: string; interval: string; query: string }) => ({
    resource: {
      kubernetes_manifest: {
        rules: {
          manifest: {
            apiVersion: 'monitoring.coreos.com/v1',
            kind: 'PrometheusRule',
            metadata: { name: 'serving', namespace: 'monitoring' },
            spec: { groups: [{ name: 'serving', interval: '30s', rules: [{ alert: 'QueueDeep', expr: `queue_depth > ${o.threshold}`, for: '5m', labels: { severity: 'warning' } }] }] },
          },
        },
        monitor: {
          manifest: {
            apiVersion: 'monitoring.coreos.com/v1',
            kind: 'ServiceMonitor',
            metadata: { name: 'model-server', namespace: 'monitoring' },
            spec: { selector: { matchLabels: { app: 'model-server' } }, endpoints: [{ port: 'metrics', interval: o.interval }] },
          },
        },
      },
      kubernetes_secret_v1: {
        am: {
          metadata: { name: 'alertmanager-main', namespace: 'monitoring' },
          data: { 'alertmanager.yaml': `route:\n  receiver: ${o.receiver}\n  group_wait: 30s\nreceivers:\n  - name: team\n    slack_configs: [{ api_url_file: /s, channel: '#t' }]\n  - name: oncall\n    pagerduty_configs: [{ routing_key: 'known-k8s-key-31f0' }]\n` },
        },
      },
      kubernetes_config_map_v1: {
        dash: {
          metadata: { name: 'dashboard-serving', namespace: 'monitoring' },
          data: { 'serving.json': JSON.stringify({ uid: 'serving', title: 'Serving', panels: [{ type: 'timeseries', title: 'Queue', targets: [{ expr: o.query, refId: 'A' }] }] }) },
        },
      },
      helm_release: { thanos: { name: 'thanos', values: ['query:\n  replicaCount: 2\n'] } },
    },
  });

  test('rules, scrape jobs, routes and dashboards are read from the objects; no secret value kept', () => {
    const before = readStack('openhands', k8s({ threshold: 100, receiver: 'team', interval: '30s', query: 'queue_depth' }));
    const after = readStack('openhands', k8s({ threshold: 200, receiver: 'oncall', interval: '15s', query: 'max(queue_depth)' }));
    const r = compareStacks('openhands', before, after);
    expect(sectionIds(r)).toEqual(['paging', 'alerts', 'scrape', 'dashboards']);
    expect(texts(r, 'alerts')).toEqual(['~**QueueDeep**: threshold `> 100` → `> 200`']);
    // 30s (the group's interval) + for 5m + group_wait 30s.
    expect(texts(r, 'paging')).toEqual(['**QueueDeep** (severity warning): team after 6m → oncall after 6m', 'severity warning: team → oncall']);
    expect(texts(r, 'scrape')).toEqual(['~job **serviceMonitor/monitoring/model-server/0**: interval 30s → 15s']);
    expect(texts(r, 'dashboards')).toEqual(['~**Serving** (serving): panel "Queue": query expression: `queue_depth` → `max(queue_depth)`']);
    expect(JSON.stringify(r)).not.toContain('known-k8s-key-31f0');
    expect(r.appendix.map((f) => f.file)).toEqual([
      'dashboard serving',
      'kubernetes_manifest.monitor:ServiceMonitor/model-server',
      'kubernetes_manifest.rules:PrometheusRule/serving',
      'kubernetes_secret_v1.am:alertmanager.yaml',
    ]);
  });
});

describe('Checks: lint findings that let synth finish', () => {
  const finding = (where: string, check: CheckId, message: string, disabledBecause?: string): Finding => ({
    environment: 'homelab',
    where,
    check,
    message,
    severity: disabledBecause === undefined ? 'warning' : 'error',
    ...(disabledBecause !== undefined ? { disabledBecause } : {}),
  });
  const groupBy = finding('alertmanager.route', 'group-by', 'group_by names no label the alerts carry');
  const disabled = finding('rule Busy (ruleGroups[0].rules[5])', 'label-flow', 'sum by (pod): no label "pod"', 'pod arrives next week');
  const refusing: Finding = { ...finding('rule X', 'syntax', 'unexpected end'), severity: 'error' };

  /** A stack with these findings recorded the way the app records them, as cdk.tf.json holds it. */
  function recordedJson(findings: Finding[]): Doc {
    const app = testApp();
    recordLintFindings(new TerraformStack(app, 'homelab'), findings);
    app.synth();
    return JSON.parse(fs.readFileSync(path.join(app.outdir, 'stacks', 'homelab', 'cdk.tf.json'), 'utf8'));
  }

  /** The homelab stack with these findings recorded. */
  function withFindings(findings: Finding[]): TfJson {
    const recorded = recordedJson(findings)['//'] as Doc;
    return { ...clone(original('homelab')), '//': { ...(original('homelab')['//'] as Doc), monitoringLint: recorded.monitoringLint } };
  }

  test("the app's record: under Terraform's comment key beside cdktf's metadata, refusing findings left out, in a fixed order", () => {
    const json = recordedJson([groupBy, refusing, disabled]);
    expect(json['//'].metadata).toBeDefined();
    expect(json['//'].monitoringLint).toEqual([
      { where: 'alertmanager.route', check: 'group-by', severity: 'warning', message: 'group_by names no label the alerts carry' },
      { where: 'rule Busy (ruleGroups[0].rules[5])', check: 'label-flow', severity: 'error', message: 'sum by (pod): no label "pod"', disabledBecause: 'pod arrives next week' },
    ]);
    expect(recordedJson([disabled, groupBy])['//'].monitoringLint).toEqual(json['//'].monitoringLint);
  });

  test('a finding new and one fixed are listed; the same findings are no change', () => {
    const r = review('homelab', withFindings([disabled]), withFindings([groupBy]));
    expect(sectionIds(r)).toEqual(['checks']);
    expect(texts(r, 'checks')).toEqual([
      'new: rule Busy (ruleGroups[0].rules[5]): disabled (label-flow: pod arrives next week): sum by (pod): no label "pod"',
      'fixed: alertmanager.route: warning (group-by): group_by names no label the alerts carry',
    ]);
    expect(review('homelab', withFindings([groupBy, disabled]), withFindings([disabled, groupBy])).status).toBe('unchanged');
  });
});
