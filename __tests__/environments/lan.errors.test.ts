import { specError } from '../support/spec';

/** homelab's placements: node (alienware and pc), gpu (dcgm-exporter, published on 127.0.0.1), pushgateway (published on 192.168.68.58). */
describe('nothing reaches the LAN without TLS and authentication: the spec is refused with one line', () => {
  test('a pushgateway published on the LAN with a reason but without TLS', () => {
    expect(specError((s) => delete s.runtime.docker.placements.pushgateway.tls)).toBe(
      'environment "homelab": runtime.docker.placements.pushgateway.tls: expected true: its port is published on 192.168.68.58, and whatever is reachable on the LAN serves TLS and requires authentication (exposedBecause is not enough), got nothing',
    );
  });

  test('a pushgateway published on the LAN with TLS but without authentication', () => {
    expect(specError((s) => delete s.runtime.docker.placements.pushgateway.authentication)).toBe(
      'environment "homelab": runtime.docker.placements.pushgateway.authentication: expected { users } (Prometheus is always one): its port is published on 192.168.68.58, and whatever is reachable on the LAN serves TLS and requires authentication (exposedBecause is not enough), got nothing',
    );
  });

  test('a node-exporter that listens on another machine\'s LAN address without TLS and authentication', () => {
    expect(specError((s) => {
      delete s.runtime.docker.placements.node.tls;
      delete s.runtime.docker.placements.node.authentication;
    })).toBe(
      'environment "homelab": runtime.docker.placements.node.tls: expected true: it listens on pc\'s LAN address 192.168.68.50, and whatever is reachable on the LAN serves TLS and requires authentication (exposedBecause is not enough), got nothing',
    );
  });

  test('an exporter that cannot serve TLS, published on the LAN', () => {
    expect(specError((s) => (s.runtime.docker.placements.gpu.publish = { ip: '192.168.68.58', exposedBecause: 'the GPU dashboard on the laptop' }))).toBe(
      'environment "homelab": runtime.docker.placements.gpu.publish.ip: expected "127.0.0.1": dcgm-exporter cannot serve TLS or require authentication, and a port on the LAN must do both (exposedBecause is not enough), got "192.168.68.58"',
    );
  });

  test('TLS asked of an exporter that reads no web configuration', () => {
    expect(specError((s) => (s.runtime.docker.placements.gpu.tls = true))).toBe(
      'environment "homelab": runtime.docker.placements.gpu.tls: expected nothing: dcgm-exporter reads no web configuration, so it serves neither TLS nor authentication, got true',
    );
  });

  test('authentication without TLS, on loopback too: a password never crosses the network in clear', () => {
    expect(specError((s) => {
      s.runtime.docker.placements.pushgateway.publish = {};
      delete s.runtime.docker.placements.pushgateway.tls;
    })).toBe('environment "homelab": runtime.docker.placements.pushgateway.tls: expected true beside authentication: a password must not cross the network in clear, got nothing');
  });

  test('tls written as something other than true', () => {
    expect(specError((s) => (s.runtime.docker.placements.pushgateway.tls = 'yes'))).toBe('environment "homelab": runtime.docker.placements.pushgateway.tls: expected true (or leave tls out), got "yes"');
  });

  test('a pusher named prometheus, the user Prometheus scrapes as', () => {
    expect(specError((s) => (s.runtime.docker.placements.pushgateway.authentication.users = ['prometheus']))).toBe(
      'environment "homelab": runtime.docker.placements.pushgateway.authentication.users[0]: expected a user other than "prometheus", which Prometheus scrapes as, got "prometheus"',
    );
  });

  test('a certificate directory that is not absolute', () => {
    expect(specError((s) => (s.runtime.docker.tls = { certificates: { directory: 'tls' } }))).toBe(
      'environment "homelab": runtime.docker.tls.certificates.directory: expected an absolute directory without spaces, such as "/etc/homelab-tls", on the machine that runs cdktf deploy, got "tls"',
    );
  });
});
