import { Construct } from 'constructs';
import { DockerHost } from './docker-host';
import { IPrometheus } from './prometheus-server';
import { fieldError } from '../../lib/errors';
import { Alloy } from './alloy';
import { Loki, LokiLanAccess } from './loki';
import { BasicAuthCredential, CertificateAuthority } from './certificates';
import { fieldOf, checkRetentionJobs, StreamRetention, LogSources } from '../../model/logs';

/** Another machine's logs: an Alloy of its own on that Docker host. */
export interface HostLogSources extends LogSources {
  /** The machine; its name is the `host` label of its streams. It needs a stack network. */
  readonly host: DockerHost;
}

/** The exposure reason of Loki's LAN port, naming the machines that push to it. */
function lanPushReason(hosts: readonly DockerHost[]): string {
  return `alloy on ${hosts.map((h) => h.name).join(' and ')} pushes logs over the LAN`;
}

export interface LokiPromtailProps extends LogSources {
  /** The Docker host both run on; its Alloy ships this machine's logs (the sources here). */
  readonly host: DockerHost;
  /** Container and volume name prefix, e.g. the environment. */
  readonly namePrefix: string;
  /** How long Loki keeps every stream, in whole days. */
  readonly retention: string;
  /** @default none */
  readonly streamRetention?: readonly StreamRetention[];
  /** How old a line may be when Loki first receives it. @default 7d */
  readonly acceptOldLinesUpTo?: string;
  /**
   * Other machines whose logs are shipped, each by an Alloy on it (`<prefix>-<host>-alloy`)
   * pushing to Loki over the LAN: Loki's port is then also published on its host's address.
   * Those Alloys publish no port, so Prometheus does not scrape them.
   * @default none
   */
  readonly otherHosts?: readonly HostLogSources[];
  /** Scrapes Loki's and Alloy's /metrics as jobs "loki" and "alloy". @default not scraped */
  readonly prometheus?: IPrometheus;
  /** Signs the certificate of Loki's LAN gateway; required with otherHosts. */
  readonly authority?: CertificateAuthority;
}

/**
 * Logs for one environment: Loki, Alloy on the same Docker host pushing to it, and an Alloy
 * on each other host that ships its logs over the LAN. Grafana is given this object (it has
 * `lokiUrl`) to make its Loki data source.
 */
export class LokiPromtail extends Construct {
  readonly loki: Loki;
  readonly alloy: Alloy;
  /** The Alloys of otherHosts, in their order. */
  readonly otherAlloys: readonly Alloy[];
  /** What Grafana's Loki data source points at: Loki on the stack network, or its gateway. */
  readonly lokiUrl: string;
  /** How Grafana reads through the gateway, when there is one. @default none: Loki itself, on the stack network */
  readonly lokiAuth?: { readonly username: string; readonly password: string; readonly caCertPem: string };

  constructor(scope: Construct, id: string, props: LokiPromtailProps) {
    super(scope, id);
    const others = props.otherHosts ?? [];
    const seen = new Set<DockerHost>([props.host]);
    for (const [i, other] of others.entries()) {
      if (seen.has(other.host)) {
        throw fieldError(this, `otherHosts[${i}].host`, other.host.name, `a host other than "${props.host.name}" and the other otherHosts`);
      }
      seen.add(other.host);
    }
    const problem = checkRetentionJobs(props.streamRetention ?? [], [props, ...others]);
    if (problem) throw fieldError(this, fieldOf(problem.path), problem.given, problem.expected);
    this.loki = new Loki(this, 'loki', {
      host: props.host,
      namePrefix: props.namePrefix,
      retention: props.retention,
      streamRetention: props.streamRetention,
      acceptOldLinesUpTo: props.acceptOldLinesUpTo,
      lan: others.length ? this.lanAccess(props, others) : undefined,
      prometheus: props.prometheus,
    });
    this.alloy = new Alloy(this, 'alloy', {
      host: props.host,
      namePrefix: props.namePrefix,
      loki: this.loki,
      containers: props.containers,
      journal: props.journal,
      files: props.files,
      directories: props.directories,
      prometheus: props.prometheus,
    });
    // Construct ids name the host: adding a machine never renames another's resources.
    this.otherAlloys = others.map(
      (o) =>
        new Alloy(this, `alloy-${o.host.name}`, {
          host: o.host,
          namePrefix: `${props.namePrefix}-${o.host.name}`,
          loki: this.loki,
          containers: o.containers,
          journal: o.journal,
          files: o.files,
          directories: o.directories,
        }),
    );
    const { gateway, reader } = this.loki;
    this.lokiUrl = gateway ? gateway.url : this.loki.url;
    if (gateway && reader && props.authority) this.lokiAuth = { username: reader.username, password: reader.password, caCertPem: props.authority.caCertPem };
  }

  /** Loki's LAN access for the Alloys of otherHosts: each pushes as a user named after its host. */
  private lanAccess(props: LokiPromtailProps, others: readonly HostLogSources[]): LokiLanAccess {
    if (!props.authority) throw fieldError(this, 'authority', undefined, 'a certificate authority, since otherHosts push over the LAN, which needs TLS');
    return {
      exposedBecause: lanPushReason(others.map((o) => o.host)),
      authority: props.authority,
      pushers: others.map((o) => new BasicAuthCredential(this, `${o.host.name}-push-user`, { username: o.host.name })),
    };
  }
}
