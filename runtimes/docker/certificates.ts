import { Construct } from 'constructs';
import { Fn, TerraformStack, Token } from 'cdktf';
import { TlsProvider } from '@cdktf/provider-tls/lib/provider';
import { PrivateKey } from '@cdktf/provider-tls/lib/private-key';
import { SelfSignedCert } from '@cdktf/provider-tls/lib/self-signed-cert';
import { CertRequest } from '@cdktf/provider-tls/lib/cert-request';
import { LocallySignedCert } from '@cdktf/provider-tls/lib/locally-signed-cert';
import { RandomProvider } from '@cdktf/provider-random/lib/provider';
import { Password } from '@cdktf/provider-random/lib/password';
import { fieldError } from '../../lib/errors';

/**
 * Where an environment's certificates come from: "terraform" makes a CA for the environment and
 * a certificate for each endpoint (hashicorp/tls); `{ directory }` reads the user's own files
 * from that directory of the machine that runs `cdktf deploy`: `ca.crt`, and `<endpoint>.crt`
 * with `<endpoint>.key` for each endpoint (the endpoint names are listed in docs/security.md).
 */
export type CertificateSource = 'terraform' | { readonly directory: string };

/** The names a server answers to: the certificate's subject alternative names. */
export interface ServerIdentity {
  /** Host names clients connect with (container aliases, host names). */
  readonly dnsNames: readonly string[];
  /** IP addresses clients connect to (the host's LAN address). @default none */
  readonly ipAddresses?: readonly string[];
}

/** A server's certificate and private key, as PEM (Terraform references, resolved at apply time). */
export interface ServerCertificate {
  /** The endpoint's name, e.g. "pc-node-exporter". */
  readonly name: string;
  readonly certPem: string;
  /** Sensitive: Terraform shows it as "(sensitive value)" and keeps it in the state. */
  readonly privateKeyPem: string;
}

/** A CA lives ten years; a server certificate one, renewed by the first deploy in its last 30 days. */
export const CA_VALIDITY_HOURS = 10 * 365 * 24;
export const SERVER_VALIDITY_HOURS = 365 * 24;
export const SERVER_EARLY_RENEWAL_HOURS = 30 * 24;

const ENDPOINT_NAME = /^[a-z][a-z0-9-]*$/;
export const CERTIFICATE_DIRECTORY = /^(?:\/[^/\s]+)+$/;
export const CERTIFICATE_DIRECTORY_EXPECTED = 'an absolute directory without spaces, such as "/etc/homelab-tls", on the machine that runs cdktf deploy';

export interface CertificateAuthorityProps {
  /** The environment, named in the CA's subject. */
  readonly environment: string;
  /** @default "terraform" */
  readonly source?: CertificateSource;
}

/**
 * The environment's certificate authority and the server certificates it issues. Made by
 * Terraform by default (ECDSA P-256 keys; the keys are in the Terraform state), or read from the
 * user's files. Clients trust `caCertPem` and nothing else.
 */
export class CertificateAuthority extends Construct {
  /** The CA certificate every client verifies servers with. */
  readonly caCertPem: string;
  readonly source: CertificateSource;
  private readonly caKey?: PrivateKey;
  private readonly caCert?: SelfSignedCert;
  private readonly issued = new Map<string, ServerCertificate>();

  constructor(scope: Construct, id: string, props: CertificateAuthorityProps) {
    super(scope, id);
    this.source = props.source ?? 'terraform';
    if (this.source === 'terraform') {
      const provider = tlsProvider(this);
      this.caKey = new PrivateKey(this, 'ca-key', { provider, algorithm: 'ECDSA', ecdsaCurve: 'P256' });
      this.caCert = new SelfSignedCert(this, 'ca', {
        provider,
        privateKeyPem: this.caKey.privateKeyPem,
        isCaCertificate: true,
        subject: [{ commonName: `${props.environment} monitoring CA`, organization: 'observability-stacks' }],
        validityPeriodHours: CA_VALIDITY_HOURS,
        allowedUses: ['cert_signing', 'crl_signing', 'digital_signature'],
      });
      this.caCertPem = this.caCert.certPem;
    } else {
      if (!CERTIFICATE_DIRECTORY.test(this.source.directory)) throw fieldError(this, 'certificates.directory', this.source.directory, CERTIFICATE_DIRECTORY_EXPECTED);
      this.caCertPem = Token.asString(Fn.file(`${this.source.directory}/ca.crt`));
    }
  }

  /** The certificate of one endpoint, issued once per name. */
  issue(name: string, identity: ServerIdentity): ServerCertificate {
    if (!ENDPOINT_NAME.test(name)) throw fieldError(this, 'endpoint name', name, 'a lower-case name such as "pc-node-exporter"');
    if (this.issued.has(name)) throw fieldError(this, 'endpoint name', name, 'a name no other endpoint has');
    if (identity.dnsNames.length === 0) throw fieldError(this, `${name}.dnsNames`, identity.dnsNames, 'at least one host name clients connect with');
    const certificate = this.caKey && this.caCert ? this.signed(name, identity, this.caKey, this.caCert) : this.fromFiles(name);
    this.issued.set(name, certificate);
    return certificate;
  }

  /** The endpoints issued so far, by name. */
  get endpoints(): string[] {
    return [...this.issued.keys()];
  }

  private signed(name: string, identity: ServerIdentity, caKey: PrivateKey, caCert: SelfSignedCert): ServerCertificate {
    const provider = tlsProvider(this);
    const key = new PrivateKey(this, `${name}-key`, { provider, algorithm: 'ECDSA', ecdsaCurve: 'P256' });
    const request = new CertRequest(this, `${name}-request`, {
      provider,
      privateKeyPem: key.privateKeyPem,
      subject: [{ commonName: identity.dnsNames[0], organization: 'observability-stacks' }],
      dnsNames: [...identity.dnsNames],
      ipAddresses: identity.ipAddresses ? [...identity.ipAddresses] : undefined,
    });
    const cert = new LocallySignedCert(this, `${name}-cert`, {
      provider,
      certRequestPem: request.certRequestPem,
      caPrivateKeyPem: caKey.privateKeyPem,
      caCertPem: caCert.certPem,
      validityPeriodHours: SERVER_VALIDITY_HOURS,
      earlyRenewalHours: SERVER_EARLY_RENEWAL_HOURS,
      allowedUses: ['digital_signature', 'key_encipherment', 'server_auth'],
    });
    return { name, certPem: cert.certPem, privateKeyPem: key.privateKeyPem };
  }

  private fromFiles(name: string): ServerCertificate {
    const directory = (this.source as { directory: string }).directory;
    return {
      name,
      certPem: Token.asString(Fn.file(`${directory}/${name}.crt`)),
      // sensitive(): Terraform hides the key in plans like a generated one.
      privateKeyPem: Token.asString(Fn.sensitive(Fn.file(`${directory}/${name}.key`))),
    };
  }
}

/**
 * One user of HTTP basic authentication, with a password Terraform generates once and keeps in
 * its state (random_password): `password` for the client's password file, `bcryptHash` for the
 * server's users. The hash is computed once too, so plans stay empty between deploys (Terraform's
 * bcrypt() function salts anew on every plan). Rotate with `terraform apply -replace`.
 */
export class BasicAuthCredential extends Construct {
  readonly username: string;
  /** Sensitive: the plain password, for the client. */
  readonly password: string;
  /** Sensitive: the bcrypt hash of the password, for the server. */
  readonly bcryptHash: string;

  constructor(scope: Construct, id: string, props: { readonly username: string }) {
    super(scope, id);
    this.username = props.username;
    // Letters and digits only: 32 of them are ~190 bits, and no client has to escape them.
    const password = new Password(this, 'password', { provider: randomProvider(this), length: 32, special: false });
    this.password = password.result;
    this.bcryptHash = password.bcryptHash;
  }
}

/** The stack's hashicorp/tls provider (it needs no settings), made on first use. */
function tlsProvider(scope: Construct): TlsProvider {
  const stack = TerraformStack.of(scope);
  const found = stack.node.tryFindChild('tls-provider');
  return found instanceof TlsProvider ? found : new TlsProvider(stack, 'tls-provider', {});
}

/** The stack's hashicorp/random provider, made on first use. */
function randomProvider(scope: Construct): RandomProvider {
  const stack = TerraformStack.of(scope);
  const found = stack.node.tryFindChild('random-provider');
  return found instanceof RandomProvider ? found : new RandomProvider(stack, 'random-provider', {});
}
