import { TerraformOutput, TerraformStack } from 'cdktf';
import { BasicAuthCredential, CertificateAuthority, CertificateSource } from '../../../runtimes/docker/certificates';
import { cleanupOutdirs, resourcesOfType, synthJson, testApp, TfJson } from '../../support/synth';

afterAll(cleanupOutdirs);

/** A stack with a CA of the given source that issues one certificate, exposed as outputs to see the references. */
function build(source?: CertificateSource, configure?: (stack: TerraformStack) => void): TfJson {
  const stack = new TerraformStack(testApp(), 'test');
  const authority = new CertificateAuthority(stack, 'ca', { environment: 'homelab', source });
  const cert = authority.issue('pc-node-exporter', { dnsNames: ['pc'], ipAddresses: ['192.168.68.50'] });
  new TerraformOutput(stack, 'ca-pem', { value: authority.caCertPem });
  new TerraformOutput(stack, 'cert-pem', { value: cert.certPem });
  new TerraformOutput(stack, 'key-pem', { value: cert.privateKeyPem, sensitive: true });
  configure?.(stack);
  return synthJson(stack);
}

describe('CertificateAuthority', () => {
  test('by default Terraform makes the environment\'s CA: an ECDSA P-256 key and a self-signed CA certificate for ten years', () => {
    const json = build();
    const keys = resourcesOfType(json, 'tls_private_key');
    expect(keys).toHaveLength(2);
    for (const key of keys) expect(key).toMatchObject({ algorithm: 'ECDSA', ecdsa_curve: 'P256' });
    const [ca] = resourcesOfType(json, 'tls_self_signed_cert');
    expect(ca).toMatchObject({
      is_ca_certificate: true,
      validity_period_hours: 87600,
      allowed_uses: ['cert_signing', 'crl_signing', 'digital_signature'],
      subject: [{ common_name: 'homelab monitoring CA', organization: 'observability-stacks' }],
    });
    expect(json.output?.['ca-pem'].value).toMatch(/^\$\{tls_self_signed_cert\.ca_\w+\.cert_pem\}$/);
  });

  test('a server certificate names the endpoint\'s host names and addresses, is signed by the CA for a year and renewed in its last 30 days', () => {
    const json = build();
    const [request] = resourcesOfType(json, 'tls_cert_request');
    expect(request).toMatchObject({ dns_names: ['pc'], ip_addresses: ['192.168.68.50'], subject: [{ common_name: 'pc' }] });
    expect(request.private_key_pem).toMatch(/^\$\{tls_private_key\.ca_pc-node-exporter-key_\w+\.private_key_pem\}$/);
    const [cert] = resourcesOfType(json, 'tls_locally_signed_cert');
    expect(cert).toMatchObject({
      validity_period_hours: 8760,
      early_renewal_hours: 720,
      allowed_uses: ['digital_signature', 'key_encipherment', 'server_auth'],
    });
    expect(cert.ca_cert_pem).toMatch(/tls_self_signed_cert\.ca_\w+\.cert_pem/);
    expect(cert.ca_private_key_pem).toMatch(/tls_private_key\.ca_ca-key_\w+\.private_key_pem/);
    expect(json.output?.['cert-pem'].value).toMatch(/^\$\{tls_locally_signed_cert\.ca_pc-node-exporter-cert_\w+\.cert_pem\}$/);
    expect(json.output?.['key-pem'].value).toMatch(/^\$\{tls_private_key\.ca_pc-node-exporter-key_\w+\.private_key_pem\}$/);
  });

  test('the user\'s files: the CA and each endpoint\'s certificate and key are read from the directory at plan time, the key marked sensitive', () => {
    const json = build({ directory: '/etc/homelab-tls' });
    expect(Object.keys(json.resource ?? {}).filter((type) => type.startsWith('tls_'))).toEqual([]);
    expect(json.provider?.tls).toBeUndefined();
    expect(json.output?.['ca-pem'].value).toBe('${file("/etc/homelab-tls/ca.crt")}');
    expect(json.output?.['cert-pem'].value).toBe('${file("/etc/homelab-tls/pc-node-exporter.crt")}');
    expect(json.output?.['key-pem'].value).toBe('${sensitive(file("/etc/homelab-tls/pc-node-exporter.key"))}');
  });

  test('one hashicorp/tls and one hashicorp/random provider per stack, however many certificates and users', () => {
    const json = build(undefined, (stack) => {
      new CertificateAuthority(stack, 'other', { environment: 'homelab' }).issue('alienware-pushgateway', { dnsNames: ['homelab-pushgateway'] });
      new BasicAuthCredential(stack, 'a', { username: 'prometheus' });
      new BasicAuthCredential(stack, 'b', { username: 'pusher' });
    });
    expect(json.provider?.tls).toHaveLength(1);
    expect(json.provider?.random).toHaveLength(1);
    expect(json.terraform?.required_providers).toMatchObject({ tls: { source: 'hashicorp/tls', version: '4.1.0' }, random: { source: 'hashicorp/random', version: '3.7.2' } });
    expect(resourcesOfType(json, 'tls_locally_signed_cert')).toHaveLength(2);
  });
});

describe('BasicAuthCredential', () => {
  test('a 32-character letters-and-digits password made once by Terraform; the client gets it, the server its bcrypt hash', () => {
    const stack = new TerraformStack(testApp(), 'test');
    const user = new BasicAuthCredential(stack, 'prometheus-user', { username: 'prometheus' });
    new TerraformOutput(stack, 'password', { value: user.password, sensitive: true });
    new TerraformOutput(stack, 'hash', { value: user.bcryptHash, sensitive: true });
    const json = synthJson(stack);
    expect(user.username).toBe('prometheus');
    expect(resourcesOfType(json, 'random_password')).toEqual([{ length: 32, special: false, provider: 'random' }]);
    expect(json.output?.password.value).toMatch(/^\$\{random_password\.prometheus-user_password_\w+\.result\}$/);
    expect(json.output?.hash.value).toMatch(/^\$\{random_password\.prometheus-user_password_\w+\.bcrypt_hash\}$/);
  });
});
