import { ENVIRONMENTS } from '../environments';
import { homelab } from '../environments/homelab/spec';
import { cleanupOutdirs, clone, resourcesOfType, synthEnvironment, synthEveryEnvironment, TfJson, uploadedText, uploadedYaml } from './support/synth';

afterAll(cleanupOutdirs);

// GIVEN every environment, synthesized
const synthesized = synthEveryEnvironment();
const stacks: Array<[string, TfJson]> = ENVIRONMENTS.map((spec) => [spec.name, synthesized(spec.name).json]);
const containers = stacks.flatMap(([env, json]) => resourcesOfType(json, 'docker_container').map((c) => ({ env, c })));

describe('least exposure', () => {
  test('every published port binds 127.0.0.1, except the ones an environment exposes, says why and serves with TLS and authentication', () => {
    const exposed = containers.flatMap(({ env, c }) =>
      (c.ports ?? []).filter((p: { ip: string }) => p.ip !== '127.0.0.1').map((p: { ip: string; external: number }) => `${env}/${c.name} ${p.ip}:${p.external}`),
    );
    // homelab: pc pushes its metrics to the pushgateway over the LAN (seed 000's WSL2 workaround),
    // and its Alloy pushes its logs to Loki, through Loki's gateway.
    expect(exposed).toEqual(['homelab/homelab-loki-gateway 192.168.68.58:3100', 'homelab/homelab-pushgateway 192.168.68.58:9091']);
    expect(homelab.runtime.docker.placements?.pushgateway.publish?.exposedBecause).toMatch(/pc pushes/);
    // AND each of them serves TLS and checks passwords: the exporter toolkit's web configuration, nginx's ssl and auth_basic
    const byName = new Map(containers.map(({ c }) => [c.name, c]));
    const pushgateway = byName.get('homelab-pushgateway')!;
    expect(pushgateway.command).toContain('--web.config.file=/etc/pushgateway/web-config.yml');
    const web = uploadedYaml(pushgateway, '/etc/pushgateway/web-config.yml');
    expect(Object.keys(web.tls_server_config)).toEqual(['cert_file', 'key_file', 'min_version']);
    expect(Object.keys(web.basic_auth_users)).toEqual(['prometheus', 'pc']);
    const gateway = uploadedText(byName.get('homelab-loki-gateway')!, '/etc/nginx/conf.d/default.conf');
    expect(gateway).toContain('listen 3100 ssl;');
    expect(gateway).toContain('auth_basic Loki;');
  });

  test('host-network exporters listen on the stack gateway, or on the LAN address of a machine scraped from another, and then with TLS and authentication', () => {
    const listens = containers
      .filter(({ c }) => c.network_mode === 'host')
      .map(({ env, c }) => `${env}/${c.provider} ${(c.command as string[]).filter((a) => a.startsWith('--web.')).join(' ')}`);
    expect(listens).toEqual([
      'homelab/docker --web.listen-address=172.30.10.1:9100 --web.config.file=/etc/node-exporter/web-config.yml',
      'homelab/docker.pc --web.listen-address=192.168.68.50:9100 --web.config.file=/etc/node-exporter/web-config.yml',
    ]);
  });

  test('no container is privileged, host paths are mounted read-only, config files are uploaded read-only', () => {
    for (const { env, c } of containers) {
      expect({ env, name: c.name, privileged: c.privileged }).toEqual({ env, name: c.name, privileged: false });
      for (const v of (c.volumes ?? []).filter((v: { host_path?: string }) => v.host_path)) {
        expect({ env, name: c.name, path: v.host_path, read_only: v.read_only }).toEqual({ env, name: c.name, path: v.host_path, read_only: true });
      }
      for (const u of c.upload ?? []) expect({ env, name: c.name, file: u.file, permissions: u.permissions }).toEqual({ env, name: c.name, file: u.file, permissions: '0444' });
    }
  });

  test('every image is pinned to a version, never latest', () => {
    for (const [env, json] of stacks) {
      for (const image of resourcesOfType(json, 'docker_image')) {
        expect({ env, image: image.name, pinned: /:[^:/]*\d[^:/]*$/.test(image.name) && !image.name.endsWith(':latest') }).toEqual({ env, image: image.name, pinned: true });
        expect(image.keep_locally).toBe(true);
      }
    }
  });
});

describe('data survives deploys', () => {
  test('every named volume is protected from destroy and depends on nothing but its name', () => {
    for (const [env, json] of stacks) {
      const volumes = resourcesOfType(json, 'docker_volume');
      expect(volumes.length).toBeGreaterThan(0);
      for (const v of volumes) {
        const { ['//']: _meta, ...rest } = v;
        expect({ env, volume: rest }).toEqual({ env, volume: { name: v.name, provider: v.provider, lifecycle: { prevent_destroy: true } } });
      }
    }
  });

  test('Prometheus and Alertmanager state live on named volumes', () => {
    for (const [env, json] of stacks) {
      const names = resourcesOfType(json, 'docker_volume').map((v) => v.name);
      expect(names).toEqual(expect.arrayContaining([`${env}-prometheus-data`, `${env}-alertmanager-data`]));
    }
  });

  test('changing a rule and adding a scrape job changes container resources only', () => {
    // GIVEN homelab, and homelab with one threshold changed and one more endpoint scraped
    const before = synthesized(homelab.name).json;
    const changed = clone(homelab);
    (changed.monitoring.ruleGroups[0].rules[2] as { expr: string }).expr = 'node_load15 > 16';
    changed.monitoring.jobs.push({ name: 'brain-api', targets: [{ host: 'alienware', port: 8080 }] });
    const after = synthEnvironment(changed).json;
    // THEN every resource but docker_container is byte-for-byte the same
    const types = new Set([...Object.keys(before.resource), ...Object.keys(after.resource)]);
    const differing = [...types].filter((t) => JSON.stringify(before.resource[t]) !== JSON.stringify(after.resource[t]));
    expect(differing).toEqual(['docker_container']);
    // AND only the Prometheus container changed among the containers
    const changedContainers = Object.keys(before.resource.docker_container).filter(
      (id) => JSON.stringify(before.resource.docker_container[id]) !== JSON.stringify(after.resource.docker_container[id]),
    );
    expect(changedContainers.map((id) => before.resource.docker_container[id].name)).toEqual(['homelab-prometheus']);
  });
});
