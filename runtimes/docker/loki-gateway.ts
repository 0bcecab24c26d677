import { Construct } from 'constructs';
import { DockerHost } from './docker-host';
import { DockerService, httpHealthcheck } from './docker-service';
import { BasicAuthCredential, ServerCertificate } from './certificates';
import { NginxDirective, renderHtpasswd, renderNginx } from '../../lib/nginx';

/**
 * Loki has no authentication of its own; its documentation asks operators to put an
 * authenticating reverse proxy in front of it, and Grafana's Loki Helm chart does so with an
 * nginx "gateway" that checks basic auth. This is that gateway for Loki's LAN address: nginx
 * terminates TLS with the environment's certificate, lets in only the users it is given, against
 * htpasswd files of bcrypt hashes (one for pushers, who may only push, one for readers, who may
 * only read), and forwards to Loki on the stack network. A plain-HTTP listener on the
 * container's own loopback answers the healthcheck.
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

/** nginx stable (1.30.1: the May 2026 security release of the 1.30 line); alpine ships busybox wget for the healthcheck. */
export const NGINX_IMAGE = 'nginx:1.30.1-alpine';
/** Where the image's nginx.conf includes server blocks from (its http block): replaces the default server. */
export const GATEWAY_CONFIG_FILE = '/etc/nginx/conf.d/default.conf';

export interface LokiGatewayProps {
  readonly host: DockerHost;
  /** Container name: `<name>`, also its alias on the stack network. */
  readonly name: string;
  /** The Loki container the gateway forwards to, on the same host and stack network. */
  readonly loki: DockerService;
  /** Loki's HTTP port, on which the gateway also listens (with TLS). */
  readonly port: number;
  /** The LAN address the gateway's port is published on, and why. */
  readonly publish: { readonly ip: string; readonly exposedBecause: string };
  readonly certificate: ServerCertificate;
  /** Users who may push logs (log agents on other machines). */
  readonly pushers: readonly BasicAuthCredential[];
  /** Users who may read (Grafana). */
  readonly readers: readonly BasicAuthCredential[];
}

/** The authenticating TLS gateway in front of Loki. */
export class LokiGateway extends Construct {
  readonly service: DockerService;
  readonly port: number;

  constructor(scope: Construct, id: string, props: LokiGatewayProps) {
    super(scope, id);
    this.port = props.port;
    this.service = new DockerService(this, 'service', {
      host: props.host,
      name: props.name,
      image: NGINX_IMAGE,
      ports: [{ internal: props.port, ip: props.publish.ip, exposedBecause: props.publish.exposedBecause, tls: true, authenticated: true }],
      healthcheck: httpHealthcheck(GATEWAY_HEALTH_PORT, '/healthz'),
      memoryMb: 64,
      // nginx resolves Loki's alias when it starts: Loki first.
      dependsOn: [props.loki],
    });
    this.service.addFile(GATEWAY_CONFIG_FILE, () => renderNginx(gatewayConfig({ port: props.port, upstream: props.loki.url(props.port) })));
    // The hashes and the certificate are Terraform references, resolved at apply time.
    const htpasswd = (users: readonly BasicAuthCredential[]) => () => renderHtpasswd(users.map((u) => ({ username: u.username, hash: u.bcryptHash })));
    this.service.addFile(GATEWAY_HTPASSWD_FILES.push, htpasswd(props.pushers));
    this.service.addFile(GATEWAY_HTPASSWD_FILES.read, htpasswd(props.readers));
    this.service.addFile(GATEWAY_CERT_FILE, () => props.certificate.certPem);
    this.service.addFile(GATEWAY_KEY_FILE, () => props.certificate.privateKeyPem);
  }

  /** https://<alias>:<port>, for Grafana on the same stack network. */
  get url(): string {
    return `https://${this.service.name}:${this.port}`;
  }
}
