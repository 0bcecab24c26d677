import { z } from 'zod';
import { DURATION_EXPECTED, isDuration } from '../../lib/duration';

/**
 * Where an environment runs on a Kubernetes cluster that exists already: its namespaces, the
 * storage class, the object storage Thanos, Loki and Tempo keep their data in, and the sizes
 * of what the platform stack installs. The monitoring content (jobs, rules, routes,
 * dashboards) is the environment's; this is only its placement.
 */

const duration = z.string().refine(isDuration, { error: `expected ${DURATION_EXPECTED}` });
const dnsLabel = z.string().regex(/^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/, { error: 'expected a Kubernetes name such as "monitoring" (lower-case letters, digits, "-")' });
const labelKey = z.string().regex(/^([a-z0-9.-]+\/)?[A-Za-z0-9]([A-Za-z0-9_.-]{0,61}[A-Za-z0-9])?$/, { error: 'expected a label key such as "team" or "app.kubernetes.io/name"' });
const labelValue = z.string().regex(/^([A-Za-z0-9]([A-Za-z0-9_.-]{0,61}[A-Za-z0-9])?)?$/, { error: 'expected a label value such as "openhands"' });
const labels = z.record(labelKey, labelValue);
const quantity = z.string().regex(/^\d+(\.\d+)?(Ki|Mi|Gi|Ti|m|k|M|G)?$/, { error: 'expected a Kubernetes quantity such as "100Gi", "500m" or "2"' });
const replicas = z.number().int().min(1, { error: 'expected a replica count of 1 or more' });
const secretName = z.string().regex(/^[a-z][a-z0-9_]*$/, {
  error: 'expected the snake_case name of a sensitive variable, such as "object_storage_secret_key" (set it as TF_VAR_object_storage_secret_key)',
});
const resources = z.strictObject({ cpu: quantity, memory: quantity });

const objectStorageSpec = z.strictObject({
  /** S3 or an S3-compatible store (the seed's Thanos bucket is on s3.amazonaws.com). */
  endpoint: z.string().regex(/^[A-Za-z0-9.-]+(:\d{1,5})?$/, { error: 'expected an S3 endpoint host such as "s3.amazonaws.com"' }),
  region: z.string().min(1).optional(),
  /** One bucket per backend: their retention and lifecycle differ. */
  buckets: z.strictObject({ metrics: dnsLabel, logs: dnsLabel, traces: dnsLabel }),
  accessKeySecret: secretName,
  secretKeySecret: secretName,
});

/** Metric relabelling on a ServiceMonitor endpoint, as the operator writes it. */
const metricRelabeling = z.strictObject({
  sourceLabels: z.array(z.string()).min(1),
  regex: z.string(),
  action: z.enum(['keep', 'drop'], { error: 'expected "keep" or "drop" (the actions the relabelling check reads)' }),
});

const metricDef = z
  .strictObject({
    name: z.string().regex(/^[a-zA-Z_:][a-zA-Z0-9_:]*$/, { error: 'expected a metric name such as "inference_requests_total"' }),
    type: z.enum(['counter', 'gauge', 'histogram', 'summary', 'untyped']),
    labels: z.array(z.string()).readonly(),
    help: z.string().optional(),
  })
  .readonly();

/**
 * A scrape job on the cluster: a ServiceMonitor in the monitoring namespace that selects the
 * Services of an application namespace by label. Its series carry job=<the selected Services'
 * `jobLabel` label>, which the selector fixes (selector[jobLabel]).
 */
export const serviceMonitorSchema = z.strictObject({
  /** The ServiceMonitor's name. */
  name: dnsLabel,
  /** The application namespace whose Services it selects. */
  namespace: dnsLabel,
  /** The Services' labels it selects. */
  selector: labels,
  /** The Service label whose value becomes the job label; one of the selector's. */
  jobLabel: labelKey,
  /** Labels of the ServiceMonitor itself, beyond the environment's selectorLabels. @default none */
  labels: labels.optional(),
  endpoints: z
    .array(
      z.strictObject({
        port: dnsLabel,
        path: z.string().startsWith('/', { error: 'expected a path starting with "/"' }),
        interval: duration,
        metricRelabelings: z.array(metricRelabeling).optional(),
        /** What the endpoint exposes (before metricRelabelings), for the lint and the relabelling check. */
        metrics: z.array(metricDef).readonly(),
      }),
    )
    .min(1),
});

export const kubernetesRuntimeSchema = z.strictObject({
  kind: z.literal('kubernetes'),
  /** The namespace Prometheus, Alertmanager, Thanos, Loki, Tempo and Grafana run in. */
  namespace: dnsLabel,
  /** Namespaces of the applications the ServiceMonitors read; the platform does not create them. */
  appNamespaces: z.array(dnsLabel).min(1),
  storageClass: dnsLabel,
  objectStorage: objectStorageSpec,
  serviceMonitors: z.array(serviceMonitorSchema).min(1),
  /** Labels every ServiceMonitor and PrometheusRule of the environment carries, and the Prometheus CR selects. */
  selectorLabels: labels.refine((l) => Object.keys(l).length > 0, { error: 'expected at least one label, such as { team: "openhands" }' }),
  prometheus: z.strictObject({
    replicas,
    retention: duration,
    storage: quantity,
    resources,
  }),
  alertmanager: z.strictObject({ replicas, storage: quantity, resources }),
  thanos: z.strictObject({
    store: z.strictObject({ replicas, storage: quantity, resources }),
    query: z.strictObject({ replicas, resources }),
    compactor: z.strictObject({
      storage: quantity,
      resources,
      /** How long raw, 5m and 1h downsampled blocks are kept. */
      retention: z.strictObject({ raw: duration, fiveMinutes: duration, oneHour: duration }),
    }),
  }),
  loki: z.strictObject({ replicas, storage: quantity, retention: duration }),
  tempo: z.strictObject({ storage: quantity, retention: duration }),
  grafana: z.strictObject({ adminPasswordSecret: secretName }),
});

export type KubernetesRuntime = z.infer<typeof kubernetesRuntimeSchema>;
export type Resources = z.infer<typeof resources>;
export type ServiceMonitorSpec = z.infer<typeof serviceMonitorSchema>;
