import { Construct } from 'constructs';
import { DockerProvider } from '@cdktf/provider-docker/lib/provider';
import { Network } from '@cdktf/provider-docker/lib/network';
import { fieldError } from '../../lib/errors';

/** What one Docker engine holds once: a container name, a published host port, a volume name. */
export type HostClaim = 'container name' | 'published port' | 'volume name';

interface Claimed {
  readonly value: string;
  readonly owner: string;
}

/** Two published ports clash on the same port and protocol when the addresses are equal or one is every address. */
function clashes(kind: HostClaim, a: string, b: string): boolean {
  if (kind !== 'published port') return a === b;
  const [ipA, portA] = splitPort(a);
  const [ipB, portB] = splitPort(b);
  return portA === portB && (ipA === ipB || ipA === '0.0.0.0' || ipB === '0.0.0.0');
}

/** "127.0.0.1:9090/tcp" -> ["127.0.0.1", "9090/tcp"] */
function splitPort(claim: string): [string, string] {
  const colon = claim.lastIndexOf(':');
  return [claim.slice(0, colon), claim.slice(colon + 1)];
}

export interface DockerHostProps {
  /**
   * Where the Docker engine is: "local" for the socket of the machine running `cdktf deploy`,
   * or an ssh URL (`ssh://user@192.168.68.50:22`) for a remote engine.
   */
  readonly engine: 'local' | `ssh://${string}`;
  /**
   * The address other machines use to reach this one (LAN IP or DNS name).
   * @default only reachable from itself
   */
  readonly address?: string;
  /**
   * The stack network made on this host, with a fixed subnet so that host-network exporters
   * can listen on its gateway address only.
   * @default no network: only host-network containers may run on this host
   */
  readonly network?: {
    readonly name: string;
    readonly subnet: string;
    readonly gateway: string;
    /** Existing networks that scrapers on this host join. @default none */
    readonly join?: readonly string[];
  };
}

/**
 * One Docker engine the stack deploys to: its provider (aliased when remote) and, when the
 * host runs networked containers, the stack's bridge network.
 */
export class DockerHost extends Construct {
  readonly provider: DockerProvider;
  private readonly hostAddress?: string;
  readonly name: string;
  private readonly networkProps?: DockerHostProps['network'];
  private bridge?: Network;
  private readonly claims = new Map<HostClaim, Claimed[]>();

  constructor(scope: Construct, id: string, props: DockerHostProps) {
    super(scope, id);
    this.name = id;
    this.hostAddress = props.address;
    this.networkProps = props.network;
    this.provider = new DockerProvider(this, 'provider', {
      host: props.engine === 'local' ? 'unix:///var/run/docker.sock' : props.engine,
      // A remote engine gets an alias so that it never becomes the default provider.
      alias: props.engine === 'local' ? undefined : id,
      sshOpts: props.engine === 'local' ? undefined : ['-o', 'BatchMode=yes', '-o', 'ConnectTimeout=10'],
    });
  }

  /** The stack's bridge network on this host, made on first use. */
  get network(): Network {
    if (!this.networkProps) {
      throw fieldError(this, 'network', undefined, 'a network { name, subnet, gateway }: a container on the stack network runs on this host');
    }
    this.bridge ??= new Network(this, 'network', {
      provider: this.provider,
      name: this.networkProps.name,
      driver: 'bridge',
      ipamConfig: [{ subnet: this.networkProps.subnet, gateway: this.networkProps.gateway }],
    });
    return this.bridge;
  }

  /** The gateway address of the stack network: the host as seen from its containers. */
  get gateway(): string {
    if (!this.networkProps) {
      throw fieldError(this, 'network', undefined, 'a network { name, subnet, gateway }: a container listens on its gateway');
    }
    return this.networkProps.gateway;
  }

  /** The address other machines reach this host at. */
  get address(): string {
    if (this.hostAddress === undefined) {
      throw fieldError(this, 'address', undefined, 'the address other machines reach this host at');
    }
    return this.hostAddress;
  }

  /**
   * Takes a container name, a published host port ("127.0.0.1:9090/tcp") or a volume name on this
   * engine for `by`; one taken already by another construct is refused, naming both.
   */
  claim(kind: HostClaim, value: string, by: Construct): void {
    const taken = this.claims.get(kind) ?? [];
    const other = taken.find((c) => clashes(kind, c.value, value));
    if (other) {
      throw fieldError(by, kind, value, `a ${kind} no other container on host "${this.name}" has (${other.owner} has ${JSON.stringify(other.value)})`);
    }
    this.claims.set(kind, [...taken, { value, owner: by.node.path }]);
  }

  /** Existing application networks that scrapers on this host join, to reach targets by name. */
  get scrapeNetworks(): readonly string[] {
    return this.networkProps?.join ?? [];
  }
}
