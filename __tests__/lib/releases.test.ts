import { END_OF_LIFE_IMAGES, IMAGE_FLOORS, imageProblem, tagVersion } from '../../lib/releases';
import { ENVIRONMENTS } from '../../environments';
import { cleanupOutdirs, resourcesOfType, synthEveryEnvironment } from '../support/synth';

afterAll(cleanupOutdirs);

describe('every deployed image is a supported release', () => {
  // GIVEN every environment synthesized, and the images its docker_image resources pull
  const synthesized = synthEveryEnvironment();
  const images = [...new Set(ENVIRONMENTS.flatMap((spec) => resourcesOfType(synthesized(spec.name).json, 'docker_image').map((i) => i.name as string)))].sort();

  test('no image is end of life or below the oldest supported version of its project', () => {
    // THEN the floor table finds nothing wrong with any of them
    expect(images.map((image) => [image, imageProblem(image)]).filter(([, problem]) => problem)).toEqual([]);
  });

  test('the stacks pull the images this project pins, and nothing end of life', () => {
    const repositories = images.map((i) => i.slice(0, i.lastIndexOf(':')));
    expect(repositories).toEqual(expect.arrayContaining(['grafana/alloy', 'grafana/loki', 'jaegertracing/jaeger', 'prom/prometheus', 'prom/alertmanager', 'grafana/grafana']));
    for (const eol of END_OF_LIFE_IMAGES) expect(repositories).not.toContain(eol.repository);
  });
});

describe('the floor table', () => {
  test.each([
    ['grafana/promtail:2.9.0', 'grafana/promtail:2.9.0 is end of life: Promtail reached end of life on 2026-03-02; Grafana Alloy is its successor'],
    ['jaegertracing/all-in-one:1.50.0', 'jaegertracing/all-in-one:1.50.0 is end of life: Jaeger v1 reached end of life on 2025-12-31; jaegertracing/jaeger is Jaeger v2'],
    ['prom/prometheus:v2.45.0', 'prom/prometheus:v2.45.0 is below the oldest supported 3.13.0 (3.13 is the long-term support line (fixes until July 2027); other 3.x minors only until the next one)'],
    ['prom/prometheus:v3.12.9', 'prom/prometheus:v3.12.9 is below the oldest supported 3.13.0 (3.13 is the long-term support line (fixes until July 2027); other 3.x minors only until the next one)'],
    ['grafana/grafana:12.3.9', 'grafana/grafana:12.3.9 is below the oldest supported 12.4.0 (12.4 (the last 12.x) and 13.x receive security fixes)'],
    ['prom/alertmanager:latest', 'prom/alertmanager:latest is not pinned to a version (expected a tag such as prom/alertmanager:0.34.0)'],
    ['prom/alertmanager', 'prom/alertmanager is not pinned to a version (expected a tag such as prom/alertmanager:0.34.0)'],
    ['alpine:3.23.0', 'alpine:3.23.0 has no floor in lib/releases.ts: add its oldest supported version there'],
    ['busybox:1.36.1', 'busybox:1.36.1 is below the oldest supported 1.37.0 (the stable line 1.37 and the newer 1.38 (1.38.0, 2026-05-13); for small helper containers)'],
  ])('%s is refused', (image, problem) => {
    expect(imageProblem(image)).toBe(problem);
  });

  test.each(['prom/prometheus:v3.13.0', 'prom/prometheus:v3.14.0', 'grafana/grafana:13.0.0', 'nvcr.io/nvidia/k8s/dcgm-exporter:4.5.3-4.8.2-ubuntu22.04', 'oliver006/redis_exporter:v1.88.0-alpine'])(
    '%s passes',
    (image) => {
      expect(imageProblem(image)).toBeUndefined();
    },
  );

  test('tag versions are read from the start of the tag, major.minor.patch', () => {
    expect([tagVersion('v3.13.2'), tagVersion('4.5.3-4.8.2-ubuntu22.04'), tagVersion('13.2.0'), tagVersion('latest'), tagVersion('3.13')]).toEqual([
      [3, 13, 2],
      [4, 5, 3],
      [13, 2, 0],
      undefined,
      undefined,
    ]);
  });

  test('every floor is a major.minor.patch version, one per repository', () => {
    expect(IMAGE_FLOORS.filter((f) => !/^\d+\.\d+\.\d+$/.test(f.oldest))).toEqual([]);
    expect(new Set(IMAGE_FLOORS.map((f) => f.repository)).size).toBe(IMAGE_FLOORS.length);
  });
});
