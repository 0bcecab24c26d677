import { Construct } from 'constructs';
import { DockerProvider } from '@cdktf/provider-docker/lib/provider';
import { Network } from '@cdktf/provider-docker/lib/network';

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
      throw new Error(`${this.node.path}: host "${this.name}" has no network; give it one to run networked containers`);
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
      throw new Error(`${this.node.path}: host "${this.name}" has no network`);
    }
    return this.networkProps.gateway;
  }

  /** The address other machines reach this host at. */
  get address(): string {
    if (this.hostAddress === undefined) {
      throw new Error(`${this.node.path}: host "${this.name}" has no address; give it the one other machines reach it at`);
    }
    return this.hostAddress;
  }

  /** Existing application networks that scrapers on this host join, to reach targets by name. */
  get scrapeNetworks(): readonly string[] {
    return this.networkProps?.join ?? [];
  }
}
