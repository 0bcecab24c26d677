import { z } from 'zod';
import { secretName, hostPort, ipv4, cidr } from '../../lib/schema';
import { EXPORTERS, ExporterKind } from './exporter';
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

export const exporterSpec = z.strictObject({
  kind: z.enum(Object.keys(EXPORTERS) as [ExporterKind, ...ExporterKind[]]),
  /** Hosts that run one container each. */
  on: z.array(z.string()).min(1),
  publish: z.strictObject({ ip: ipv4.optional(), exposedBecause: z.string().min(10).optional() }).optional(),
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
