import { renderWebConfig, WebConfig } from '../../model/web-config';

const TLS = { certFile: '/etc/web/tls.crt', keyFile: '/etc/web/tls.key' };
const HASH = '$2a$10$abcdefghijklmnopqrstuuABCDEFGHIJKLMNOPQRSTUVWXYZ01234';

function error(config: WebConfig): string {
  try {
    renderWebConfig('homelab/pushgateway', config);
  } catch (e) {
    return (e as Error).message;
  }
  throw new Error('expected an error');
}

describe('web configuration errors', () => {
  test('a plain password in place of a hash', () => {
    expect(error({ tls: TLS, basicAuthUsers: { prometheus: 'hunter2' } })).toBe(
      'homelab/pushgateway: web config basicAuthUsers.prometheus: expected a bcrypt hash such as "$2a$10$…" (60 characters), never a plain password, got "hunter2"',
    );
  });

  test('no user at all', () => {
    expect(error({ tls: TLS, basicAuthUsers: {} })).toBe(
      'homelab/pushgateway: web config basicAuthUsers: expected at least one user: a server on the LAN requires authentication, got {}',
    );
  });

  test('a bad user name', () => {
    expect(error({ tls: TLS, basicAuthUsers: { 'Prom Etheus': HASH } })).toBe(
      'homelab/pushgateway: web config basicAuthUsers.Prom Etheus: expected a user name such as "prometheus" (lower-case letters, digits, "_", "-"; at most 32), got "Prom Etheus"',
    );
  });

  test('a relative certificate path', () => {
    expect(error({ tls: { ...TLS, certFile: 'tls.crt' }, basicAuthUsers: { prometheus: HASH } })).toBe(
      'homelab/pushgateway: web config tls.certFile: expected an absolute file path inside the container, such as "/etc/web/tls.crt", got "tls.crt"',
    );
  });
});
