/**
 * Everything the Kubernetes runtime installs, pinned exactly. The charts are from their current
 * homes: prometheus-community for the operator's CRDs and kube-prometheus-stack (both of
 * prometheus-operator v0.93.1), grafana-community for Loki and Tempo (the charts moved there from
 * grafana/helm-charts in January 2026). Thanos runs from its own image as typed Kubernetes
 * resources (thanos.ts), not from a chart.
 */

export interface ChartPin {
  readonly repository: string;
  readonly chart: string;
  readonly version: string;
  /** The version of what the chart runs, for the docs and the tests. */
  readonly appVersion: string;
}

const PROMETHEUS_COMMUNITY = 'https://prometheus-community.github.io/helm-charts';
const GRAFANA_COMMUNITY = 'https://grafana-community.github.io/helm-charts';

export const CHARTS = {
  operatorCrds: { repository: PROMETHEUS_COMMUNITY, chart: 'prometheus-operator-crds', version: '31.0.1', appVersion: 'v0.93.1' },
  kubePrometheusStack: { repository: PROMETHEUS_COMMUNITY, chart: 'kube-prometheus-stack', version: '88.5.3', appVersion: 'v0.93.1' },
  loki: { repository: GRAFANA_COMMUNITY, chart: 'loki', version: '18.11.0', appVersion: '3.7.6' },
  tempo: { repository: GRAFANA_COMMUNITY, chart: 'tempo', version: '2.2.4', appVersion: '2.10.8' },
} as const satisfies Record<string, ChartPin>;

/** Thanos: the sidecar the operator adds to Prometheus, and the store gateway, query and compactor. */
export const THANOS_IMAGE = 'quay.io/thanos/thanos:v0.42.4';
