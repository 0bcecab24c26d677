import { TerraformStack, LocalBackend, S3Backend, PgBackend } from 'cdktf';
import { z } from 'zod';
import { Hidden } from '../lib/errors';

/**
 * Where Terraform keeps an environment's state. The state of a stack holds every value Terraform
 * manages in plain text, uploaded secret files included, so it never lands in git and never
 * names the machine that synthesized it.
 *
 * - `local` (the default): `terraform-state/<env>.tfstate` at the project root, written in
 *   cdk.tf.json relative to the stack's own folder (cdktf.out/stacks/<env>), where cdktf runs
 *   Terraform. The folder is ignored by git.
 * - `s3`: an encrypted S3 object with a DynamoDB lock table; credentials come from the
 *   environment Terraform runs in (AWS_ACCESS_KEY_ID and the rest, or a profile), never from the spec.
 * - `pg`: a PostgreSQL schema; the connection string comes from PG_CONN_STR in the environment.
 */

/** The folder, relative to the project root, that holds every local state. */
export const LOCAL_STATE_DIR = 'terraform-state';

/** From cdktf.out/stacks/<env>, where Terraform runs, back to the project root. */
const STACK_DIR_TO_ROOT = '../../..';

const stateKey = z
  .string()
  .regex(/^[A-Za-z0-9_.\-/]+\.tfstate$/, { error: 'expected an object key ending in ".tfstate", such as "homelab/terraform.tfstate"' });

/** A credential field: refused with where the credential belongs instead, and never echoed. */
function noCredential(where: string) {
  return z
    .unknown()
    .superRefine((_value, ctx) => {
      ctx.addIssue({ code: 'custom', message: `expected no credential in the spec (Terraform reads ${where} from the environment it runs in)`, input: new Hidden() });
    })
    .optional();
}

const AWS_CREDENTIALS = 'AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, or AWS_PROFILE,';
const KINDS_EXPECTED = 'exactly one of { local: {} }, { s3: { bucket, region, lockTable } } or { pg: {} }';

export const backendSpec = z
  .strictObject(
    {
      local: z
        .strictObject({
          /** A file name inside terraform-state/. @default "<env>.tfstate" */
          file: z.string().regex(/^[A-Za-z0-9_.-]+\.tfstate$/, { error: 'expected a file name ending in ".tfstate", such as "homelab.tfstate"' }).optional(),
        })
        .optional(),
      s3: z
        .strictObject({
          bucket: z.string().regex(/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/, { error: 'expected an S3 bucket name such as "acme-terraform-state"' }),
          /** @default "<env>/terraform.tfstate" */
          key: stateKey.optional(),
          region: z.string().regex(/^[a-z]{2}(-[a-z]+)+-\d$/, { error: 'expected an AWS region such as "eu-central-1"' }),
          /** The DynamoDB table that locks the state while a plan or apply runs. */
          lockTable: z.string({ error: 'expected the DynamoDB table that locks the state, such as "terraform-locks"' }).regex(/^[A-Za-z0-9_.-]{3,255}$/, {
            error: 'expected a DynamoDB table name such as "terraform-locks"',
          }),
          /** A KMS key for server-side encryption. @default the bucket's S3-managed key */
          kmsKeyId: z.string().min(1).optional(),
          accessKey: noCredential(AWS_CREDENTIALS),
          secretKey: noCredential(AWS_CREDENTIALS),
          token: noCredential('AWS_SESSION_TOKEN'),
        })
        .optional(),
      pg: z
        .strictObject({
          /** @default "terraform_remote_state" */
          schemaName: z.string().regex(/^[a-z_][a-z0-9_]*$/, { error: 'expected a PostgreSQL schema name such as "terraform_homelab"' }).optional(),
          connStr: noCredential('PG_CONN_STR'),
        })
        .optional(),
    },
    { error: `expected ${KINDS_EXPECTED}` },
  )
  .superRefine((backend, ctx) => {
    const kinds = Object.keys(backend).filter((k) => backend[k as keyof typeof backend] !== undefined);
    if (kinds.length !== 1) ctx.addIssue({ code: 'custom', message: `expected ${KINDS_EXPECTED}`, input: kinds });
  });

export type BackendSpec = z.infer<typeof backendSpec>;

/** Sets the stack's backend from the spec; every environment gets one, so cdktf's default (an absolute path) never appears. */
export function applyBackend(stack: TerraformStack, environment: string, spec: BackendSpec = { local: {} }): void {
  if (spec.s3) {
    const s3 = spec.s3;
    new S3Backend(stack, {
      bucket: s3.bucket,
      key: s3.key ?? `${environment}/terraform.tfstate`,
      region: s3.region,
      encrypt: true,
      dynamodbTable: s3.lockTable,
      kmsKeyId: s3.kmsKeyId,
    });
  } else if (spec.pg) {
    // conn_str is left out so Terraform reads PG_CONN_STR: the binding requires the field, and the
    // override removes it from the JSON.
    new PgBackend(stack, { connStr: '', schemaName: spec.pg.schemaName });
    stack.addOverride('terraform.backend.pg.conn_str', undefined);
  } else {
    new LocalBackend(stack, { path: localStatePath(environment, spec.local?.file) });
  }
}

/** The local backend's path as cdk.tf.json holds it: relative to the stack's folder. */
export function localStatePath(environment: string, file = `${environment}.tfstate`): string {
  return `${STACK_DIR_TO_ROOT}/${LOCAL_STATE_DIR}/${file}`;
}
