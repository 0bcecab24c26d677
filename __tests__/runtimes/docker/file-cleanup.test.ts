import { TerraformStack } from 'cdktf';
import { DockerHost } from '../../../runtimes/docker/docker-host';
import { FileCleanup } from '../../../runtimes/docker/file-cleanup';
import { cleanupOutdirs, container, resourcesOfType, synthJson, testApp } from '../../support/synth';

afterAll(cleanupOutdirs);

describe('FileCleanup', () => {
  test('runs busybox crond without a network, with the rendered crontab, writing only the folder it cleans', () => {
    // GIVEN the seed's audit-log cleanup on a host
    const stack = new TerraformStack(testApp(), 'test');
    const host = new DockerHost(stack, 'queen', { engine: 'local', address: '10.0.0.1', network: { name: 'test', subnet: '172.31.0.0/24', gateway: '172.31.0.1' } });
    const cleanup = new FileCleanup(stack, 'audit', {
      host,
      namePrefix: 'llama-orch',
      name: 'audit',
      lifecycle: { directory: '/var/log/llama-orch/audit', pattern: '*.ndjson', compressAfterDays: 30, deleteAfterDays: 90 },
      at: { hour: 3, minute: 0 },
    });

    // WHEN synthesized
    const json = synthJson(stack);

    // THEN one pinned busybox container runs crond in the foreground, networkless, healthy while crond runs
    expect(resourcesOfType(json, 'docker_image')[0]).toMatchObject({ name: 'busybox:1.37.0' });
    const c = container(json, 'llama-orch-audit-cleanup');
    expect(c).toMatchObject({ command: ['crond', '-f', '-d', '8', '-c', '/etc/crontabs'], network_mode: 'none', healthcheck: { test: ['CMD', 'pgrep', 'crond'] } });
    expect(c.networks_advanced).toBeUndefined();
    expect(c.ports).toBeUndefined();
    // the audit folder read-write at the same path, the host's time zone read-only, nothing else
    expect(c.volumes).toEqual([
      { container_path: '/var/log/llama-orch/audit', host_path: '/var/log/llama-orch/audit', read_only: false },
      { container_path: '/etc/localtime', host_path: '/etc/localtime', read_only: true },
    ]);
    // and root's crontab is the rendered line
    expect(c.upload).toEqual([{ file: '/etc/crontabs/root', content: cleanup.crontab, permissions: '0444' }]);
    expect(cleanup.crontab).toMatch(/^0 3 \* \* \* find \/var\/log\/llama-orch\/audit .*-exec gzip '\{\}' ';'; find .*'\*\.ndjson\.gz' -mtime \+90 -delete\n$/);
  });
});
