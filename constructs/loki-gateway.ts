import { Construct } from 'constructs';
import { DockerHost } from './docker-host';
import { DockerService, httpHealthcheck } from './docker-service';
import { BasicAuthCredential, ServerCertificate } from './certificates';
import { renderHtpasswd, renderNginx } from '../lib/nginx';
import { GATEWAY_CERT_FILE, GATEWAY_HTPASSWD_FILES, GATEWAY_HEALTH_PORT, GATEWAY_KEY_FILE, gatewayConfig } from '../lib/loki-gateway';

/**
 * Loki has no authentication of its own; its documentation asks operators to put an
 * authenticating reverse proxy in front of it, and Grafana's Loki Helm chart does so with an
 * nginx "gateway" that checks basic auth. This is that gateway for Loki's LAN address: nginx
 * terminates TLS with the environment's certificate, lets in only the users it is given
 * (bcrypt hashes in an htpasswd file), lets log agents push and nothing else, lets readers
 * (Grafana) query and not push, and forwards to Loki on the stack network.
 */

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
