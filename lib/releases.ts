/**
 * The oldest supported release of every image the stacks deploy, and the images that reached
 * end of life. A test holds every synthesized image to this table: an image below its floor, an
 * end-of-life image, or an image the table does not know fails it. Raise a floor when its
 * project stops supporting a line (the `basis` says where that was read); the pins themselves
 * live beside their constructs.
 */

export interface ImageFloor {
  /** The image without its tag: `prom/prometheus`. */
  readonly repository: string;
  /** The oldest version still supported, as major.minor.patch. */
  readonly oldest: string;
  /** Which releases are supported, and where that was read (late 2026). */
  readonly basis: string;
}

export const IMAGE_FLOORS: readonly ImageFloor[] = [
  { repository: 'prom/prometheus', oldest: '3.13.0', basis: '3.13 is the long-term support line (fixes until July 2027); other 3.x minors only until the next one' },
  { repository: 'prom/alertmanager', oldest: '0.34.0', basis: 'only the latest release is supported (0.34.0, 2026-08-16)' },
  { repository: 'grafana/grafana', oldest: '12.4.0', basis: '12.4 (the last 12.x) and 13.x receive security fixes' },
  { repository: 'grafana/loki', oldest: '3.6.0', basis: 'the last two minors get patch releases (3.6.15 and 3.7.6, 2026-08-05)' },
  { repository: 'grafana/alloy', oldest: '1.18.0', basis: 'the latest minor is supported (1.18.1, 2026-08-06); Alloy succeeds Promtail' },
  { repository: 'jaegertracing/jaeger', oldest: '2.20.0', basis: 'Jaeger v2: the latest monthly release is supported (2.20.0, 2026-07-19)' },
  { repository: 'prom/node-exporter', oldest: '1.12.0', basis: 'the latest minor (1.12.1, 2026-07-14)' },
  { repository: 'ghcr.io/google/cadvisor', oldest: '0.60.0', basis: 'the latest minor (0.60.5, 2026-07-11); published on ghcr.io since 0.53' },
  { repository: 'nvcr.io/nvidia/k8s/dcgm-exporter', oldest: '4.5.0', basis: 'the latest line (4.5.3-4.8.2, 2026-05-06)' },
  { repository: 'prom/pushgateway', oldest: '1.11.0', basis: 'the latest minor (1.11.3, 2026-05-27)' },
  { repository: 'quay.io/prometheuscommunity/postgres-exporter', oldest: '0.20.0', basis: 'the latest minor (0.20.1, 2026-07-07)' },
  { repository: 'oliver006/redis_exporter', oldest: '1.88.0', basis: 'the latest release (1.88.0, 2026-07-23)' },
  { repository: 'prom/blackbox-exporter', oldest: '0.28.0', basis: 'the latest minor (0.28.0, 2025-12-04)' },
  { repository: 'nginx', oldest: '1.30.1', basis: 'the stable line 1.30; 1.30.1 (May 2026) fixes CVE-2026-42945, which every earlier release has; Loki\'s LAN gateway' },
  { repository: 'busybox', oldest: '1.37.0', basis: 'the stable line 1.37 and the newer 1.38 (1.38.0, 2026-05-13); for small helper containers' },
];

/** Images that no longer receive fixes, whatever their tag. */
export const END_OF_LIFE_IMAGES: ReadonlyArray<{ readonly repository: string; readonly why: string }> = [
  { repository: 'grafana/promtail', why: 'Promtail reached end of life on 2026-03-02; Grafana Alloy is its successor' },
  { repository: 'jaegertracing/all-in-one', why: 'Jaeger v1 reached end of life on 2025-12-31; jaegertracing/jaeger is Jaeger v2' },
  { repository: 'gcr.io/cadvisor/cadvisor', why: 'cAdvisor is published on ghcr.io/google/cadvisor since 0.53' },
];

/** `prom/prometheus:v3.13.2` → repository and tag; the registry port (host:5000/x) is kept in the repository. */
function splitImage(image: string): { repository: string; tag?: string } {
  const at = image.lastIndexOf(':');
  if (at < 0 || image.slice(at).includes('/')) return { repository: image };
  return { repository: image.slice(0, at), tag: image.slice(at + 1) };
}

/** The version at the start of a tag: "v3.13.2" → [3, 13, 2]; "4.5.3-4.8.2-ubuntu22.04" → [4, 5, 3]. */
export function tagVersion(tag: string): [number, number, number] | undefined {
  const m = /^v?(\d+)\.(\d+)\.(\d+)(?:$|[-+])/.exec(tag);
  return m ? [Number(m[1]), Number(m[2]), Number(m[3])] : undefined;
}

function below(a: readonly number[], b: readonly number[]): boolean {
  for (let i = 0; i < 3; i++) if (a[i] !== b[i]) return a[i] < b[i];
  return false;
}

/** What is wrong with a deployed image, or undefined when it is supported. */
export function imageProblem(image: string): string | undefined {
  const { repository, tag } = splitImage(image);
  const eol = END_OF_LIFE_IMAGES.find((e) => e.repository === repository);
  if (eol) return `${image} is end of life: ${eol.why}`;
  const floor = IMAGE_FLOORS.find((f) => f.repository === repository);
  if (!floor) return `${image} has no floor in lib/releases.ts: add its oldest supported version there`;
  const version = tag === undefined ? undefined : tagVersion(tag);
  if (!version) return `${image} is not pinned to a version (expected a tag such as ${repository}:${floor.oldest})`;
  if (below(version, floor.oldest.split('.').map(Number))) return `${image} is below the oldest supported ${floor.oldest} (${floor.basis})`;
  return undefined;
}
