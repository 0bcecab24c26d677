import { Construct } from 'constructs';
import { Lazy, TerraformVariable } from 'cdktf';
import { Container } from '@cdktf/provider-docker/lib/container';
import { Image } from '@cdktf/provider-docker/lib/image';
import { Volume } from '@cdktf/provider-docker/lib/volume';
import { DockerHost } from './docker-host';
import { fieldError, InternalError } from '../../lib/errors';

/** A port the container listens on, and where the host publishes it. */
export interface PublishedPort {
  readonly internal: number;
  /** @default same as internal */
  readonly external?: number;
  /**
   * Host address the port is bound to. Anything but 127.0.0.1 must say why in `exposedBecause`.
   * @default 127.0.0.1
   */
  readonly ip?: string;
  /** @default tcp */
  readonly protocol?: 'tcp' | 'udp';
  /** Why the port is reachable from beyond this machine; required when ip is not 127.0.0.1. */
  readonly exposedBecause?: string;
  /** The service serves TLS on this port; required when ip is not 127.0.0.1. @default false */
  readonly tls?: boolean;
  /** The service lets in only users it authenticates on this port; required when ip is not 127.0.0.1. @default false */
  readonly authenticated?: boolean;
}

/** A bind mount of a host path, and why the container needs it. */
export interface HostMount {
  readonly hostPath: string;
  readonly containerPath: string;
  readonly why: string;
  /** The container changes files there (a cleanup job); `why` says what it changes. @default false: read-only */
  readonly writable?: boolean;
}

export interface Healthcheck {
  /** The command, in Docker's exec form: ["CMD", "wget", ...]. */
  readonly test: string[];
  /** @default 15s */
  readonly interval?: string;
  /** @default 5s */
  readonly timeout?: string;
  /** @default 5 */
  readonly retries?: number;
  /** @default 30s */
  readonly startPeriod?: string;
}

export interface DockerServiceProps {
  readonly host: DockerHost;
  /** Container name and its alias on the stack network, e.g. "prometheus". */
  readonly name: string;
  /** Image reference with a pinned tag, e.g. "prom/prometheus:v2.45.0"; `latest` is refused. */
  readonly image: string;
  readonly command?: string[];
  /** Replaces the image's entrypoint, in exec form. @default the image's */
  readonly entrypoint?: string[];
  readonly env?: Readonly<Record<string, string>>;
  /** @default no published port */
  readonly ports?: PublishedPort[];
  /** Named volumes (never destroyed by a deploy), keyed by the path they are mounted at. */
  readonly volumes?: Readonly<Record<string, string>>;
  /** @default no host mounts */
  readonly hostMounts?: HostMount[];
  readonly healthcheck: Healthcheck;
  /** Hard memory limit in MiB. */
  readonly memoryMb: number;
  /**
   * "host" shares the host's network namespace (for exporters that must see the host's
   * interfaces); "none" gives it no network (a job that only touches files). Either way it
   * joins no bridge network and publishes no port.
   * @default the stack's bridge network
   */
  readonly networkMode?: 'host' | 'none';
  /** "host" lets the container see the host's processes. @default the container's own */
  readonly pidMode?: 'host';
  /** Extra /etc/hosts entries, name to IP. @default none */
  readonly extraHosts?: Readonly<Record<string, string>>;
  /** Give the container every GPU of the host. @default false */
  readonly gpus?: boolean;
  /** Devices passed through, host path to container path. @default none */
  readonly devices?: Readonly<Record<string, string>>;
  /** Also join these existing networks (an application's), to reach its containers by name. @default none */
  readonly joinNetworks?: readonly string[];
  /** Run as this user instead of the image's. @default the image's user */
  readonly user?: string;
  /** Containers that must be healthy before this one is created. @default none */
  readonly dependsOn?: DockerService[];
}

const PINNED_IMAGE = /^[a-z0-9][a-z0-9._\-/]*(?::\d+)?(?:\/[a-z0-9._\-]+)*:[A-Za-z0-9_][A-Za-z0-9_.\-]{0,127}$/;

/**
 * One container on one Docker host, made the same way everywhere: pinned image kept locally,
 * restart unless-stopped, a healthcheck that `wait` honours so dependents start after it is
 * healthy, config files uploaded read-only, data on named volumes that a deploy never
 * destroys, a stable alias on the stack network, ports on 127.0.0.1 unless a reason is given,
 * json-file log rotation and a memory limit.
 */
export class DockerService extends Construct {
  /** Container log rotation (seed 000: 100 MB per file, 10 files, rotated files compressed). */
  static readonly LOG_OPTIONS = { 'max-size': '100m', 'max-file': '10', compress: 'true' } as const;

  readonly name: string;
  readonly host: DockerHost;
  readonly container: Container;
  readonly image: Image;
  readonly volumes: Volume[] = [];
  private readonly files = new Map<string, () => string>();
  private readonly secretFiles = new Map<string, TerraformVariable>();

  constructor(scope: Construct, id: string, props: DockerServiceProps) {
    super(scope, id);
    this.name = props.name;
    this.host = props.host;
    if (!PINNED_IMAGE.test(props.image) || props.image.endsWith(':latest')) {
      throw fieldError(this, 'image', props.image, 'an image with a pinned tag such as "prom/prometheus:v2.45.0" (not "latest", not untagged)');
    }
    const provider = props.host.provider;
    const noBridge = props.networkMode !== undefined;
    if (noBridge && props.ports?.length) {
      const kind = props.networkMode === 'host' ? 'a host-network container' : 'a container without a network';
      throw fieldError(this, 'ports', props.ports, `no ports: ${kind} publishes none (give it a listen address instead)`);
    }
    for (const [i, port] of (props.ports ?? []).entries()) {
      if ((port.ip ?? '127.0.0.1') !== '127.0.0.1' && !port.exposedBecause) {
        throw fieldError(this, `ports[${i}].exposedBecause`, undefined, `the reason port ${port.internal} is reachable on ${port.ip} (or bind it to 127.0.0.1)`);
      }
      // Nothing reachable beyond this machine without TLS and authentication.
      if ((port.ip ?? '127.0.0.1') !== '127.0.0.1' && !(port.tls && port.authenticated)) {
        throw fieldError(this, `ports[${i}]`, `${port.ip}:${port.internal} without TLS and authentication`, 'TLS and authentication on a port reachable beyond 127.0.0.1 (tls and authenticated), or the port bound to 127.0.0.1');
      }
    }

    props.host.claim('container name', props.name, this);
    for (const p of props.ports ?? []) props.host.claim('published port', `${p.ip ?? '127.0.0.1'}:${p.external ?? p.internal}/${p.protocol ?? 'tcp'}`, this);
    for (const volumeName of Object.values(props.volumes ?? {})) props.host.claim('volume name', volumeName, this);

    this.image = new Image(this, 'image', { provider, name: props.image, keepLocally: true });

    const volumeMounts = Object.entries(props.volumes ?? {}).map(([containerPath, volumeName]) => {
      const volume = new Volume(this, `volume-${volumeName}`, {
        provider,
        name: volumeName,
        // Data outlives every container that uses it: `cdktf deploy` refuses to destroy it.
        lifecycle: { preventDestroy: true },
      });
      this.volumes.push(volume);
      return { containerPath, volumeName: volume.name };
    });
    const hostMounts = (props.hostMounts ?? []).map((m) => ({ containerPath: m.containerPath, hostPath: m.hostPath, readOnly: !m.writable }));

    const hc = props.healthcheck;
    this.container = new Container(this, 'container', {
      provider,
      name: props.name,
      image: this.image.imageId,
      command: props.command,
      entrypoint: props.entrypoint,
      env: props.env ? Object.entries(props.env).map(([k, v]) => `${k}=${v}`) : undefined,
      restart: 'unless-stopped',
      mustRun: true,
      wait: true,
      waitTimeout: 120,
      memory: props.memoryMb,
      privileged: false,
      user: props.user,
      gpus: props.gpus ? 'all' : undefined,
      networkMode: props.networkMode ?? 'bridge',
      pidMode: props.pidMode,
      networksAdvanced: noBridge
        ? undefined
        : [{ name: props.host.network.name, aliases: [props.name] }, ...(props.joinNetworks ?? []).map((name) => ({ name }))],
      host: props.extraHosts ? Object.entries(props.extraHosts).map(([host, ip]) => ({ host, ip })) : undefined,
      devices: props.devices
        ? Object.entries(props.devices).map(([hostPath, containerPath]) => ({ hostPath, containerPath, permissions: 'r' }))
        : undefined,
      ports: props.ports?.map((p) => ({
        internal: p.internal,
        external: p.external ?? p.internal,
        ip: p.ip ?? '127.0.0.1',
        protocol: p.protocol ?? 'tcp',
      })),
      volumes: [...volumeMounts, ...hostMounts],
      healthcheck: {
        test: hc.test,
        interval: hc.interval ?? '15s',
        timeout: hc.timeout ?? '5s',
        retries: hc.retries ?? 5,
        startPeriod: hc.startPeriod ?? '30s',
      },
      logDriver: 'json-file',
      logOpts: { ...DockerService.LOG_OPTIONS },
      dependsOn: props.dependsOn?.map((d) => d.container),
    });
    // Config files are rendered at synth time, after every addScrapeJob/addRuleGroup call.
    this.container.addOverride(
      'upload',
      Lazy.anyValue({
        produce: () => [
          ...[...this.files].map(([file, render]) => ({ file, content: render(), permissions: '0444' })),
          ...[...this.secretFiles].map(([file, variable]) => ({ file, content: variable.stringValue, permissions: '0444' })),
        ],
      }),
    );
  }

  /** Uploads a read-only file whose content is rendered when the stack is synthesized. */
  addFile(path: string, render: () => string): void {
    this.checkNewFile(path);
    this.files.set(path, render);
  }

  /**
   * Uploads a file holding one secret. The synthesized plan holds only the reference to the
   * sensitive variable; Terraform puts the value into the container at apply time.
   */
  addSecretFile(path: string, variable: TerraformVariable): void {
    this.checkNewFile(path);
    this.secretFiles.set(path, variable);
  }

  /** Every upload path is chosen by the constructs: one used twice is a bug, not bad input. */
  private checkNewFile(path: string): void {
    if (this.files.has(path) || this.secretFiles.has(path)) throw new InternalError(`${this.node.path}: file ${path} is uploaded twice`);
  }

  /** http://alias:port, for another container on the same stack network. */
  url(port: number, path = ''): string {
    return `http://${this.name}:${port}${path}`;
  }
}

/** A healthcheck that fetches an HTTP path with the busybox/alpine wget most images ship. */
export function httpHealthcheck(port: number, path: string, host = '127.0.0.1'): Healthcheck {
  return { test: ['CMD', 'wget', '-q', '-O', '/dev/null', `http://${host}:${port}${path}`] };
}

/**
 * A healthcheck for a server that serves only TLS and only to users it knows: busybox wget asks
 * without credentials, and the server is healthy when it answers 401 over TLS. No password is
 * needed in the command; a server that answers plain HTTP, or lets anyone in, fails it.
 */
export function tlsAuthHealthcheck(port: number, path: string, host = '127.0.0.1'): Healthcheck {
  return { test: ['CMD-SHELL', `wget -q -S -O /dev/null --no-check-certificate https://${host}:${port}${path} 2>&1 | grep -q '^  HTTP/1.1 401 '`] };
}

/** A healthcheck for images without wget: bash opens a TCP connection to the port. */
export function tcpHealthcheck(port: number, host = '127.0.0.1'): Healthcheck {
  return { test: ['CMD', 'bash', '-c', `exec 3<>/dev/tcp/${host}/${port}`] };
}
