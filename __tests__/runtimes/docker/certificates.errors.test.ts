import { TerraformStack } from 'cdktf';
import { CertificateAuthority } from '../../../runtimes/docker/certificates';
import { cleanupOutdirs, testApp } from '../../support/synth';

afterAll(cleanupOutdirs);

const stack = () => new TerraformStack(testApp(), 'test');

describe('CertificateAuthority errors', () => {
  test('a relative certificate directory', () => {
    expect(() => new CertificateAuthority(stack(), 'ca', { environment: 'homelab', source: { directory: 'tls' } })).toThrow(
      'test/ca: certificates.directory: expected an absolute directory without spaces, such as "/etc/homelab-tls", on the machine that runs cdktf deploy, got "tls"',
    );
  });

  test('two endpoints of one name', () => {
    const ca = new CertificateAuthority(stack(), 'ca', { environment: 'homelab' });
    ca.issue('pc-node-exporter', { dnsNames: ['pc'] });
    expect(() => ca.issue('pc-node-exporter', { dnsNames: ['pc'] })).toThrow('test/ca: endpoint name: expected a name no other endpoint has, got "pc-node-exporter"');
  });

  test('a certificate without a host name', () => {
    const ca = new CertificateAuthority(stack(), 'ca', { environment: 'homelab' });
    expect(() => ca.issue('pc-node-exporter', { dnsNames: [] })).toThrow('test/ca: pc-node-exporter.dnsNames: expected at least one host name clients connect with, got []');
  });
});
