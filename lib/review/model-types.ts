/** The shapes of a stack model (see model.ts, which reads them from a synthesized stack). */

export type Labels = Record<string, string>;

export interface ScrapeJob {
  name: string;
  interval?: string;
  timeout?: string;
  path: string;
  scheme: string;
  /** Every static target with the labels its group gives it. */
  targets: Map<string, Labels>;
  /** Service discovery kinds (`kubernetes_sd_configs`, ...) and how many of each. */
  discovery: string[];
}

export interface Rule {
  kind: 'alert' | 'record';
  name: string;
  group: string;
  /** The group's evaluation interval, or the global one (set once the whole stack is read). */
  interval: string;
  expr: string;
  for?: string;
  labels: Labels;
  annotations: Labels;
}

export interface Matcher {
  label: string;
  op: '=' | '!=' | '=~' | '!~';
  value: string;
}

export interface Route {
  receiver?: string;
  matchers: Matcher[];
  continue: boolean;
  groupWait?: string;
  groupBy?: string[];
  muteTimeIntervals: string[];
  activeTimeIntervals: string[];
  routes: Route[];
}

export interface InhibitRule {
  source: Matcher[];
  target: Matcher[];
  equal: string[];
}

export interface Alertmanager {
  route: Route;
  /** Each receiver's integrations (`email`, `slack`, ...); an empty list delivers nowhere. */
  receivers: Map<string, string[]>;
  inhibitRules: InhibitRule[];
  timeIntervals: Map<string, unknown>;
}

export interface Panel {
  title: string;
  type: string;
  queries: string[];
  unit?: string;
  thresholds: unknown;
  datasource?: string;
  layout: unknown;
}

export interface Dashboard {
  uid: string;
  title: string;
  panels: Map<string, Panel>;
}

export interface Container {
  name: string;
  image: string;
  address: string;
  /** Every attribute Terraform compares, readable (files parsed, `${var.x}` kept). */
  attributes: Record<string, unknown>;
  /** Named volumes and where they are mounted. */
  volumes: string[];
}

export interface LogSettings {
  retention?: string;
  streamRetention: string[];
  /** Collection jobs by name: what they read and the labels they set. */
  sources: Map<string, unknown>;
}

export interface TraceSettings {
  /** The settings of the trace store: command line, environment, uploaded files. */
  settings: Record<string, unknown>;
}

export interface StackModel {
  env: string;
  scrapeInterval: string;
  evaluationInterval: string;
  externalLabels: Labels;
  retention: { time?: string; size?: string };
  jobs: Map<string, ScrapeJob>;
  rules: Rule[];
  /**
   * The promtool tests deployed with the alerting rules (`/etc/prometheus/tests/`), by alert
   * name, as canonical JSON; empty where none are deployed (the Kubernetes stacks).
   */
  ruleTests: Map<string, string>;
  /** The lint findings that let synth finish (`"//".monitoringLint`), one line each. */
  lint: string[];
  alertmanager?: Alertmanager;
  dashboards: Map<string, Dashboard>;
  logs?: LogSettings;
  traces?: TraceSettings;
  containers: Map<string, Container>;
  /** Every resource by its Terraform address (`type.name`), with what identifies it beyond the address (see identity). */
  resources: Map<string, string>;
  variables: Map<string, { sensitive: boolean }>;
  /** Where Terraform keeps the stack's state (`terraform.backend`), readable; undefined for the default. */
  backend?: unknown;
  /** Every config file the stack carries, readable, by `<owner>:<path>`. */
  files: Map<string, unknown>;
}
