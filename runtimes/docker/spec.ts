import { z } from 'zod';
import { secretName, hostPort, ipv4, cidr, name } from '../../lib/schema';
import { EXPORTERS, ExporterKind } from './exporter';
import { CERTIFICATE_DIRECTORY, CERTIFICATE_DIRECTORY_EXPECTED } from './certificates';
import { USER_NAME, USER_NAME_EXPECTED } from '../../model/web-config';

/*
 * The Docker runtime's part of an environment spec (`runtime.docker`): the hosts, the one that runs
 * the stack, and where each exporter job's containers run. The monitoring content says what is
 * exported; this says where.
 */

export const hostSpec = z.strictObject({
  /** "local", or ssh://user@address:port for a remote Docker engine. */
  engine: z.union([z.literal('local'), z.string().regex(/^ssh:\/\/[^@\s]+@[^:\s]+(:\d+)?$/)], {
    error: 'expected "local" or "ssh://user@host:22"',
  }),
  /** How the monitoring host reaches this one; every host but the monitoring host needs it. */
  address: z.string().min(1).optional(),
  /** The stack's bridge network on this host (hosts that run networked containers). */
  network: z
    .strictObject({
      subnet: cidr,
      gateway: ipv4,
      /** Existing networks (an application's) that Prometheus and the exporters join to scrape it by name. */
      join: z.array(z.string().min(1)).optional(),
    })
    .optional(),
});

/** The exporter a job runs: its kind and what that kind reads. Where it runs is a placement. */
export const exporterSpec = z.strictObject({
  kind: z.enum(Object.keys(EXPORTERS) as [ExporterKind, ...ExporterKind[]]),
  postgres: z
    .strictObject({
      address: hostPort,
      database: z.string().min(1),
      user: z.string().min(1),
      passwordSecret: secretName,
      sslmode: z.enum(['disable', 'require', 'verify-full']).optional(),
    })
    .optional(),
  redisAddress: z.string().regex(/^rediss?:\/\/\S+:\d+$/, { error: 'expected "redis://host:port"' }).optional(),
  probe: z
    .strictObject({ module: z.enum(['http_2xx', 'tcp_connect', 'icmp']), targets: z.array(z.string().min(1)).min(1) })
    .optional(),
});

/** Where the certificates of the environment's TLS endpoints come from. */
export const tlsSpec = z.strictObject({
  /** "terraform": a CA for the environment made by Terraform; { directory }: the user's files there. @default terraform */
  certificates: z.union([z.literal('terraform'), z.strictObject({ directory: z.string().regex(CERTIFICATE_DIRECTORY, { error: `expected ${CERTIFICATE_DIRECTORY_EXPECTED}` }) })], {
    error: 'expected "terraform" or { directory: "/etc/<environment>-tls" }',
  }),
});

/** Where an exporter job's containers run: one on each host, its port published or not. */
export const placementSpec = z.strictObject({
  /** Hosts that run one container each. */
  on: z.array(z.string()).min(1),
  /**
   * Publish the exporter's port on the host (127.0.0.1 unless ip and exposedBecause are given).
   * @default not published
   */
  publish: z.strictObject({ ip: ipv4.optional(), exposedBecause: z.string().min(10).optional() }).optional(),
  /** Serve TLS with the environment's certificates; required when the port reaches the LAN. */
  tls: z.literal(true, { error: 'expected true (or leave tls out)' }).optional(),
  /**
   * Let in only users with a password (basic auth); required when the port reaches the LAN.
   * Prometheus is always one; `users` are the others (machines that push), each given a
   * password by Terraform (a sensitive output).
   */
  authentication: z
    .strictObject({
      users: z
        .array(z.string().regex(USER_NAME, { error: `expected ${USER_NAME_EXPECTED}` }).refine((u) => u !== 'prometheus', { error: 'expected a user other than "prometheus", which Prometheus scrapes as' }))
        .optional(),
    })
    .optional(),
});

/** The environment on Docker hosts. */
export const dockerRuntimeSpec = z.strictObject({
  hosts: z.record(name, hostSpec),
  /** The host that runs Prometheus, Alertmanager and the rest of the stack. */
  monitoringHost: z.string(),
  /** Where each exporter job runs, by job name. @default none (an environment without exporter jobs) */
  placements: z.record(z.string(), placementSpec).optional(),
  /** The certificates of the endpoints that serve TLS. @default { certificates: 'terraform' } */
  tls: tlsSpec.optional(),
});

export type DockerRuntimeSpec = z.infer<typeof dockerRuntimeSpec>;
export type PlacementSpec = z.infer<typeof placementSpec>;
