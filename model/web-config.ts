import { Token } from 'cdktf';
import { z } from 'zod';
import { ConfigError, describeValue } from '../lib/errors';
import { toYaml } from '../lib/yaml';

/*
 * The web configuration file of Prometheus's exporter toolkit (`--web.config.file`), read by
 * node-exporter, the pushgateway, Prometheus and Alertmanager alike: the server's certificate
 * and key (`tls_server_config`) and the users allowed in, each with a bcrypt hash of its
 * password (`basic_auth_users`). Keys as documented in prometheus/exporter-toolkit
 * docs/web-configuration.md; Debian 12's node-exporter 1.5.0 and pushgateway 1.5.1 read the
 * same file (the live test in __tests__/e2e/tls.e2e.test.ts starts them with it).
 */

/** Where the server's certificate and private key are, inside its container. */
export interface WebTls {
  /** PEM certificate, the chain up to (not including) the CA. */
  readonly certFile: string;
  /** PEM private key of the certificate. */
  readonly keyFile: string;
}

/** A server's web configuration: TLS and the users it lets in. */
export interface WebConfig {
  readonly tls: WebTls;
  /**
   * User name to bcrypt hash of the password (`$2a$10$…`), or the Terraform reference that
   * yields one at apply time (random_password's `bcrypt_hash`).
   */
  readonly basicAuthUsers: Readonly<Record<string, string>>;
}

/** The web configuration file as the exporter toolkit reads it. */
export interface WebConfigDocument {
  tls_server_config: { cert_file: string; key_file: string; min_version: 'TLS12' };
  basic_auth_users: Record<string, string>;
}

export const USER_NAME = /^[a-z][a-z0-9_-]{0,31}$/;
export const USER_NAME_EXPECTED = 'a user name such as "prometheus" (lower-case letters, digits, "_", "-"; at most 32)';
/** A bcrypt hash in modular crypt format, as Go's golang.org/x/crypto/bcrypt reads it. */
export const BCRYPT_HASH = /^\$2[aby]?\$(0[4-9]|[12]\d|3[01])\$[./A-Za-z0-9]{53}$/;
export const BCRYPT_HASH_EXPECTED = 'a bcrypt hash such as "$2a$10$…" (60 characters), never a plain password';
const ABSOLUTE_PATH = /^\/[^\s]*[^/\s]$/;
const ABSOLUTE_PATH_EXPECTED = 'an absolute file path inside the container, such as "/etc/web/tls.crt"';

const webConfigSchema = z.strictObject({
  tls: z.strictObject({
    certFile: z.string().regex(ABSOLUTE_PATH, { error: ABSOLUTE_PATH_EXPECTED }),
    keyFile: z.string().regex(ABSOLUTE_PATH, { error: ABSOLUTE_PATH_EXPECTED }),
  }),
  basicAuthUsers: z
    .record(
      z.string().regex(USER_NAME, { error: USER_NAME_EXPECTED }),
      // A Terraform reference resolves to random_password's bcrypt_hash at apply time.
      z.string().refine((h) => Token.isUnresolved(h) || BCRYPT_HASH.test(h), { error: BCRYPT_HASH_EXPECTED }),
    )
    .refine((users) => Object.keys(users).length > 0, { error: 'at least one user: a server on the LAN requires authentication' }),
});

/**
 * The web configuration as the exporter toolkit reads it. `where` names the server in errors
 * ("homelab/pushgateway"). TLS 1.2 is the floor: the healthchecks' busybox wget speaks no 1.3.
 */
export function webConfigDocument(where: string, config: WebConfig): WebConfigDocument {
  const result = webConfigSchema.safeParse(config, { reportInput: true });
  if (!result.success) {
    const issue = result.error.issues[0];
    // A bad user name is reported by the record with the key's own issue inside.
    const message = issue.code === 'invalid_key' ? issue.issues[0].message : issue.message;
    const field = issue.path.map(String).join('.');
    throw new ConfigError(`${where}: web config ${field}: expected ${message.replace(/^expected /, '')}, got ${describeValue(issue.input)}`);
  }
  return {
    tls_server_config: { cert_file: config.tls.certFile, key_file: config.tls.keyFile, min_version: 'TLS12' },
    basic_auth_users: { ...config.basicAuthUsers },
  };
}

/** The web configuration file's text. */
export function renderWebConfig(where: string, config: WebConfig): string {
  return toYaml(webConfigDocument(where, config));
}
