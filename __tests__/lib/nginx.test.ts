import { renderHtpasswd, renderNginx } from '../../lib/nginx';
import { gatewayConfig } from '../../runtimes/docker/loki-gateway';

describe('nginx configuration renderer', () => {
  test('directives end with ";", blocks nest by four spaces, plain words stay bare and anything else is quoted', () => {
    expect(renderNginx([
      { name: 'server', block: [
        { name: 'listen', args: [3100, 'ssl'] },
        { name: 'auth_basic', args: ['Loki logs'] },
        { name: 'proxy_set_header', args: ['Authorization', ''] },
        { name: 'return', args: [200, 'say "hi"; {x} \\ #'] },
        { name: 'location', args: ['=', '/loki/api/v1/push'], block: [{ name: 'proxy_pass', args: ['http://homelab-loki:3100'] }] },
      ] },
    ])).toBe([
      'server {',
      '    listen 3100 ssl;',
      '    auth_basic "Loki logs";',
      '    proxy_set_header Authorization "";',
      '    return 200 "say \\"hi\\"; {x} \\\\ #";',
      '    location = /loki/api/v1/push {',
      '        proxy_pass http://homelab-loki:3100;',
      '    }',
      '}',
      '',
    ].join('\n'));
  });

  test('a line break in an argument or a directive name that is not a word is refused', () => {
    expect(() => renderNginx([{ name: 'return', args: ['200\nx'] }])).toThrow('nginx argument "200\\nx" holds a line break or NUL');
    expect(() => renderNginx([{ name: 'listen 80; server', args: [] }])).toThrow('nginx directive name "listen 80; server" is not a word');
  });

  test('htpasswd: one "user:hash" a line, bcrypt hashes only', () => {
    const hash = '$2a$10$abcdefghijklmnopqrstuuABCDEFGHIJKLMNOPQRSTUVWXYZ01234';
    expect(renderHtpasswd([{ username: 'pc', hash }, { username: 'grafana', hash }])).toBe(`pc:${hash}\ngrafana:${hash}\n`);
    expect(() => renderHtpasswd([{ username: 'pc', hash: 'hunter2' }])).toThrow('htpasswd user pc: the password must be a bcrypt hash, not 7 characters of something else');
  });
});

describe('the Loki gateway configuration', () => {
  test('TLS 1.2+ with the certificate, basic auth, push and read each against their own users, the rest only on the container\'s loopback', () => {
    const text = renderNginx(gatewayConfig({ port: 3100, upstream: 'http://homelab-loki:3100' }));
    expect(text).toContain([
      'server {',
      '    listen 3100 ssl;',
      '    ssl_certificate /etc/nginx/tls/tls.crt;',
      '    ssl_certificate_key /etc/nginx/tls/tls.key;',
      '    ssl_protocols TLSv1.2 TLSv1.3;',
      '    auth_basic Loki;',
      '    client_max_body_size 16m;',
      '    location = /loki/api/v1/push {',
      '        auth_basic_user_file /etc/nginx/loki-push.htpasswd;',
      '        proxy_pass http://homelab-loki:3100;',
    ].join('\n'));
    expect(text).toContain('    location / {\n        auth_basic_user_file /etc/nginx/loki-read.htpasswd;\n        proxy_pass http://homelab-loki:3100;');
    expect(text).toContain('server {\n    listen 127.0.0.1:8081;\n    access_log off;\n    location = /healthz {\n        return 200 ok;');
    expect(text.match(/listen /g)).toHaveLength(2);
  });
});
