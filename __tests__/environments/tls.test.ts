import { ENVIRONMENTS } from '../../environments';
import { homelab } from '../../environments/homelab/spec';
import { cleanupOutdirs, clone, container, resourcesOfType, synthEnvironment, synthEveryEnvironment, uploadedText } from '../support/synth';

afterAll(cleanupOutdirs);

// GIVEN every environment synthesized, and homelab again with the user's certificate files
const synthesized = synthEveryEnvironment();
const { json } = synthesized('homelab');
const withFiles = clone(homelab);
withFiles.runtime.docker.tls = { certificates: { directory: '/etc/homelab-tls' } };
const files = synthEnvironment(withFiles).json;

describe('TLS endpoints and their certificates', () => {
  test('homelab: one CA made by Terraform signs the four LAN endpoints, each named as its clients call it', () => {
    expect(resourcesOfType(json, 'tls_self_signed_cert')).toHaveLength(1);
    expect(resourcesOfType(json, 'tls_cert_request').map((r) => [r.dns_names, r.ip_addresses]).sort()).toEqual([
      [['alienware'], ['172.30.10.1']],
      [['homelab-loki-gateway', 'alienware'], ['192.168.68.58']],
      [['homelab-pushgateway', 'alienware'], ['192.168.68.58']],
      [['pc'], ['192.168.68.50']],
    ]);
    expect(resourcesOfType(json, 'tls_locally_signed_cert')).toHaveLength(4);
  });

  test('homelab: the CA certificate is an output for clients outside the stack; pc\'s pushgateway password a sensitive one', () => {
    expect(json.output?.['ca-certificate']).toMatchObject({ value: expect.stringMatching(/^\$\{tls_self_signed_cert\.certificate-authority_ca_[0-9A-F]+\.cert_pem\}$/) });
    expect(json.output?.['ca-certificate'].sensitive).toBeUndefined();
    expect(json.output?.['pushgateway-pc-password']).toMatchObject({ sensitive: true, value: expect.stringMatching(/^\$\{random_password\.pushgateway-pc-user_password_[0-9A-F]+\.result\}$/) });
    expect(Object.keys(json.output ?? {}).sort()).toEqual(['ca-certificate', 'pushgateway-pc-password']);
  });

  test('homelab: four users, each with its own Terraform-made password (Prometheus, pc on the pushgateway, pc and Grafana at Loki)', () => {
    expect(Object.keys(json.resource.random_password).map((id) => id.replace(/_password_[0-9A-F]+$/, '')).sort()).toEqual([
      'logs_loki_grafana-user',
      'logs_pc-push-user',
      'prometheus-scrape-user',
      'pushgateway-pc-user',
    ]);
  });

  test('the user\'s files: no CA resource, each endpoint\'s certificate and key read from the directory by its name, the key kept sensitive', () => {
    expect(resourcesOfType(files, 'tls_self_signed_cert')).toEqual([]);
    expect(resourcesOfType(files, 'tls_private_key')).toEqual([]);
    const pushgateway = container(files, 'homelab-pushgateway');
    expect(uploadedText(pushgateway, '/etc/pushgateway/tls.crt')).toBe('${file("/etc/homelab-tls/alienware-pushgateway.crt")}');
    expect(uploadedText(pushgateway, '/etc/pushgateway/tls.key')).toBe('${sensitive(file("/etc/homelab-tls/alienware-pushgateway.key"))}');
    expect(uploadedText(container(files, 'homelab-prometheus'), '/etc/prometheus/tls/ca.crt')).toBe('${file("/etc/homelab-tls/ca.crt")}');
    const keys = resourcesOfType(files, 'docker_container').flatMap((c) => (c.upload ?? []).filter((u: { file: string }) => u.file.endsWith('.key')).map((u: { content: string }) => u.content));
    expect(keys.sort()).toEqual([
      '${sensitive(file("/etc/homelab-tls/alienware-loki-gateway.key"))}',
      '${sensitive(file("/etc/homelab-tls/alienware-node-exporter.key"))}',
      '${sensitive(file("/etc/homelab-tls/alienware-pushgateway.key"))}',
      '${sensitive(file("/etc/homelab-tls/pc-node-exporter.key"))}',
    ]);
  });

  test.each(ENVIRONMENTS.filter((e) => e.name !== 'homelab').map((e) => [e.name] as const))('%s publishes nothing on the LAN, so it has no CA and no users', (name) => {
    const other = synthesized(name).json;
    expect(Object.keys(other.resource).filter((type) => type.startsWith('tls_') || type.startsWith('random_'))).toEqual([]);
    expect(other.output).toBeUndefined();
  });
});
