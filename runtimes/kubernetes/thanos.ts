import { Construct } from 'constructs';
import type { ITerraformDependable } from 'cdktf';
import { DeploymentV1 } from '@cdktf/provider-kubernetes/lib/deployment-v1';
import { PodDisruptionBudgetV1 } from '@cdktf/provider-kubernetes/lib/pod-disruption-budget-v1';
import { ServiceV1 } from '@cdktf/provider-kubernetes/lib/service-v1';
import { StatefulSetV1, StatefulSetV1SpecTemplateSpecContainer } from '@cdktf/provider-kubernetes/lib/stateful-set-v1';
import type { KubernetesRuntime, Resources } from './spec';
import { THANOS_IMAGE } from './releases';
import type { KubernetesSecret } from './secret';

export const THANOS_GRPC_PORT = 10901;
export const THANOS_HTTP_PORT = 10902;
/** Where the object-storage Secret is mounted in every Thanos container. */
export const OBJSTORE_DIR = '/etc/thanos';
/** The key of the object-storage Secret that Thanos reads (its `--objstore.config-file`). */
export const OBJSTORE_KEY = 'objstore.yml';
/** The label the operator puts on each Prometheus replica's series; Thanos Query deduplicates by it. */
export const REPLICA_LABEL = 'prometheus_replica';

export interface ThanosProps {
  readonly namespace: string;
  readonly storageClass: string;
  readonly settings: KubernetesRuntime['thanos'];
  /** The Secret with the object-storage configuration under OBJSTORE_KEY. */
  readonly objectStorage: KubernetesSecret;
  /** The headless Service of the Prometheus pods whose sidecars Query reads (the operator's `prometheus-operated`). */
  readonly sidecarService: string;
  /** What every resource waits for: the namespace. */
  readonly dependsOn: ITerraformDependable[];
}

/** A mounted Secret key a container reads, for the cross-object checks. */
export interface SecretMount {
  readonly resource: string;
  readonly secret: string;
  readonly key: string;
}

type Container = StatefulSetV1SpecTemplateSpecContainer;

/**
 * Thanos beside the operator's Prometheus: the store gateway serves the blocks the sidecars
 * upload, Query reads the sidecars (recent data) and the store (the rest) and deduplicates the
 * replicas, the compactor compacts, downsamples and applies retention in the bucket. Each is a
 * typed Kubernetes resource with probes and resources, and a PodDisruptionBudget where it has
 * replicas (the compactor must run alone and has none).
 */
export class Thanos extends Construct {
  readonly store: StatefulSetV1;
  readonly query: DeploymentV1;
  readonly compactor: StatefulSetV1;
  readonly storeService: ServiceV1;
  readonly queryService: ServiceV1;
  readonly budgets: readonly PodDisruptionBudgetV1[];
  readonly secretMounts: readonly SecretMount[];
  /** http://thanos-query.<namespace>.svc:10902: the Prometheus API Grafana queries. */
  readonly queryUrl: string;

  constructor(scope: Construct, id: string, props: ThanosProps) {
    super(scope, id);
    const { namespace, settings } = props;
    const objstoreVolume = { name: 'objstore', secret: { secretName: props.objectStorage.secretName, items: [{ key: OBJSTORE_KEY, path: OBJSTORE_KEY }] } };
    const objstoreFlag = `--objstore.config-file=${OBJSTORE_DIR}/${OBJSTORE_KEY}`;
    this.secretMounts = ['thanos-store', 'thanos-compactor'].map((resource) => ({ resource, secret: props.objectStorage.secretName, key: OBJSTORE_KEY }));

    // Store gateway: a StatefulSet, its index cache on a volume; headless, so Query finds each pod.
    const storeLabels = componentLabels('store');
    this.storeService = service(this, 'store-service', 'thanos-store', namespace, storeLabels, true, props.dependsOn);
    this.store = new StatefulSetV1(this, 'store', {
      metadata: { name: 'thanos-store', namespace, labels: storeLabels },
      spec: {
        replicas: String(settings.store.replicas),
        serviceName: 'thanos-store',
        selector: { matchLabels: storeLabels },
        template: {
          metadata: { labels: storeLabels },
          spec: {
            securityContext: SECURITY_CONTEXT,
            container: [
              container('thanos-store', settings.store.resources, [
                'store',
                objstoreFlag,
                '--data-dir=/var/thanos/store',
                `--grpc-address=0.0.0.0:${THANOS_GRPC_PORT}`,
                `--http-address=0.0.0.0:${THANOS_HTTP_PORT}`,
              ], [
                { name: 'objstore', mountPath: OBJSTORE_DIR, readOnly: true },
                { name: 'data', mountPath: '/var/thanos/store' },
              ]),
            ],
            volume: [objstoreVolume],
          },
        },
        volumeClaimTemplate: [claim('data', props.storageClass, settings.store.storage)],
      },
      dependsOn: [...props.dependsOn, props.objectStorage.resource],
    });

    // Query: stateless; reads every sidecar and store pod by DNS SRV records of their gRPC ports.
    const queryLabels = componentLabels('query');
    this.queryService = service(this, 'query-service', 'thanos-query', namespace, queryLabels, false, props.dependsOn);
    this.query = new DeploymentV1(this, 'query', {
      dependsOn: props.dependsOn,
      metadata: { name: 'thanos-query', namespace, labels: queryLabels },
      spec: {
        replicas: String(settings.query.replicas),
        selector: { matchLabels: queryLabels },
        template: {
          metadata: { labels: queryLabels },
          spec: {
            securityContext: SECURITY_CONTEXT,
            container: [
              container('thanos-query', settings.query.resources, [
                'query',
                `--grpc-address=0.0.0.0:${THANOS_GRPC_PORT}`,
                `--http-address=0.0.0.0:${THANOS_HTTP_PORT}`,
                `--endpoint=dnssrv+_grpc._tcp.${props.sidecarService}.${namespace}.svc`,
                `--endpoint=dnssrv+_grpc._tcp.thanos-store.${namespace}.svc`,
                `--query.replica-label=${REPLICA_LABEL}`,
              ], []),
            ],
          },
        },
      },
    });
    this.queryUrl = `http://thanos-query.${namespace}.svc:${THANOS_HTTP_PORT}`;

    // Compactor: exactly one, or two would compact the same blocks.
    const compactorLabels = componentLabels('compactor');
    const { retention } = settings.compactor;
    this.compactor = new StatefulSetV1(this, 'compactor', {
      metadata: { name: 'thanos-compactor', namespace, labels: compactorLabels },
      spec: {
        replicas: '1',
        serviceName: 'thanos-compactor',
        selector: { matchLabels: compactorLabels },
        template: {
          metadata: { labels: compactorLabels },
          spec: {
            securityContext: SECURITY_CONTEXT,
            container: [
              container('thanos-compactor', settings.compactor.resources, [
                'compact',
                '--wait',
                objstoreFlag,
                '--data-dir=/var/thanos/compact',
                `--http-address=0.0.0.0:${THANOS_HTTP_PORT}`,
                `--retention.resolution-raw=${retention.raw}`,
                `--retention.resolution-5m=${retention.fiveMinutes}`,
                `--retention.resolution-1h=${retention.oneHour}`,
                '--deduplication.replica-label=' + REPLICA_LABEL,
              ], [
                { name: 'objstore', mountPath: OBJSTORE_DIR, readOnly: true },
                { name: 'data', mountPath: '/var/thanos/compact' },
              ]),
            ],
            volume: [objstoreVolume],
          },
        },
        volumeClaimTemplate: [claim('data', props.storageClass, settings.compactor.storage)],
      },
      dependsOn: [...props.dependsOn, props.objectStorage.resource],
    });

    // A voluntary disruption (node drain) takes at most one replica of what has several.
    const budgets: PodDisruptionBudgetV1[] = [];
    for (const [component, labels, count] of [['store', storeLabels, settings.store.replicas], ['query', queryLabels, settings.query.replicas]] as const) {
      if (count < 2) continue;
      budgets.push(
        new PodDisruptionBudgetV1(this, `${component}-budget`, {
          metadata: { name: `thanos-${component}`, namespace, labels },
          spec: { maxUnavailable: '1', selector: { matchLabels: labels } },
          dependsOn: props.dependsOn,
        }),
      );
    }
    this.budgets = budgets;
  }
}

function componentLabels(component: string): Record<string, string> {
  return { 'app.kubernetes.io/name': 'thanos', 'app.kubernetes.io/component': component, 'app.kubernetes.io/part-of': 'monitoring' };
}

/** Thanos runs as its image's non-root user; volumes are made writable for its group. */
const SECURITY_CONTEXT = { runAsNonRoot: true, runAsUser: '1001', fsGroup: '1001' };

function container(name: string, resources: Resources, args: string[], volumeMount: Container['volumeMount']): Container {
  const probe = (path: string) => ({ httpGet: { path, port: String(THANOS_HTTP_PORT) }, periodSeconds: 10, timeoutSeconds: 5, failureThreshold: 3 });
  return {
    name,
    image: THANOS_IMAGE,
    args,
    port: [
      { name: 'grpc', containerPort: THANOS_GRPC_PORT },
      { name: 'http', containerPort: THANOS_HTTP_PORT },
    ],
    livenessProbe: { ...probe('/-/healthy'), initialDelaySeconds: 10 },
    readinessProbe: probe('/-/ready'),
    resources: { requests: { cpu: resources.cpu, memory: resources.memory }, limits: { memory: resources.memory } },
    securityContext: { allowPrivilegeEscalation: false, readOnlyRootFilesystem: true, capabilities: { drop: ['ALL'] } },
    volumeMount,
  };
}

function claim(name: string, storageClass: string, size: string) {
  return {
    metadata: { name },
    spec: { accessModes: ['ReadWriteOnce'], storageClassName: storageClass, resources: { requests: { storage: size } } },
  };
}

function service(scope: Construct, id: string, name: string, namespace: string, selector: Record<string, string>, headless: boolean, dependsOn: ITerraformDependable[]): ServiceV1 {
  return new ServiceV1(scope, id, {
    dependsOn,
    metadata: { name, namespace, labels: selector },
    spec: {
      clusterIp: headless ? 'None' : undefined,
      selector,
      port: [
        { name: 'grpc', port: THANOS_GRPC_PORT, targetPort: 'grpc' },
        { name: 'http', port: THANOS_HTTP_PORT, targetPort: 'http' },
      ],
    },
  });
}
