import { NginxDirective } from './nginx';

/*
 * The configuration of the authenticating TLS gateway in front of Loki (nginx server blocks,
 * included by the image's http block): TLS with the environment's certificate, basic auth
 * against htpasswd files of bcrypt hashes (one for pushers, who may only push, one for readers,
 * who may only read),
 * everything forwarded to Loki on the stack network. A plain-HTTP listener on the container's
 * own loopback answers the healthcheck.
 */

/** Who may push, and who may read: one htpasswd file each, so a user of one is unknown to the other. */
export const GATEWAY_HTPASSWD_FILES = { push: '/etc/nginx/loki-push.htpasswd', read: '/etc/nginx/loki-read.htpasswd' } as const;
export const GATEWAY_CERT_FILE = '/etc/nginx/tls/tls.crt';
export const GATEWAY_KEY_FILE = '/etc/nginx/tls/tls.key';
/** The healthcheck's listener: plain HTTP on the container's own loopback, never published. */
export const GATEWAY_HEALTH_PORT = 8081;
/** Loki's push endpoint, the one path log agents may use. */
export const PUSH_PATH = '/loki/api/v1/push';

export interface GatewayConfigOptions {
  readonly port: number;
  /** Loki's URL on the stack network. */
  readonly upstream: string;
  /** @default GATEWAY_HEALTH_PORT */
  readonly healthPort?: number;
  /** @default the container's files */
  readonly files?: { readonly cert: string; readonly key: string; readonly htpasswd: { readonly push: string; readonly read: string } };
}

/** The gateway's server blocks (conf.d), as typed directives. */
export function gatewayConfig(o: GatewayConfigOptions): NginxDirective[] {
  const files = o.files ?? { cert: GATEWAY_CERT_FILE, key: GATEWAY_KEY_FILE, htpasswd: GATEWAY_HTPASSWD_FILES };
  const proxy: NginxDirective[] = [
    { name: 'proxy_pass', args: [o.upstream] },
    { name: 'proxy_set_header', args: ['Host', '$host'] },
    { name: 'proxy_set_header', args: ['X-Forwarded-For', '$proxy_add_x_forwarded_for'] },
    // Loki checks no user; the password stays at the gateway.
    { name: 'proxy_set_header', args: ['Authorization', ''] },
    // Long LogQL queries and tails.
    { name: 'proxy_read_timeout', args: ['300s'] },
  ];
  return [
    {
      name: 'server',
      block: [
        { name: 'listen', args: [o.port, 'ssl'] },
        { name: 'ssl_certificate', args: [files.cert] },
        { name: 'ssl_certificate_key', args: [files.key] },
        { name: 'ssl_protocols', args: ['TLSv1.2', 'TLSv1.3'] },
        { name: 'auth_basic', args: ['Loki'] },
        // A push batch of Promtail or Alloy is about 1 MiB; room for bursts.
        { name: 'client_max_body_size', args: ['16m'] },
        { name: 'location', args: ['=', PUSH_PATH], block: [{ name: 'auth_basic_user_file', args: [files.htpasswd.push] }, ...proxy] },
        { name: 'location', args: ['/'], block: [{ name: 'auth_basic_user_file', args: [files.htpasswd.read] }, ...proxy] },
      ],
    },
    {
      name: 'server',
      block: [
        { name: 'listen', args: [`127.0.0.1:${o.healthPort ?? GATEWAY_HEALTH_PORT}`] },
        { name: 'access_log', args: ['off'] },
        { name: 'location', args: ['=', '/healthz'], block: [{ name: 'return', args: [200, 'ok'] }] },
      ],
    },
  ];
}
