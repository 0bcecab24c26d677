import { specError } from '../support/spec';

describe('a backend that would put credentials in the spec, or is malformed, is refused in one line', () => {
  test('an S3 access key written into the spec: refused, and not repeated in the message', () => {
    expect(
      specError((s) => (s.backend = { s3: { bucket: 'acme-state', region: 'eu-central-1', lockTable: 'locks', accessKey: 'AKIAEXAMPLE' } })),
    ).toBe(
      'environment "homelab": backend.s3.accessKey: expected no credential in the spec (Terraform reads AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, or AWS_PROFILE, from the environment it runs in), got a value (not shown)',
    );
  });

  test('an S3 backend without its lock table', () => {
    expect(specError((s) => (s.backend = { s3: { bucket: 'acme-state', region: 'eu-central-1' } }))).toBe(
      'environment "homelab": backend.s3.lockTable: expected the DynamoDB table that locks the state, such as "terraform-locks", got nothing',
    );
  });

  test('a PostgreSQL connection string written into the spec: refused, and not repeated in the message', () => {
    expect(specError((s) => (s.backend = { pg: { connStr: 'postgres://terraform:hunter2@db/state' } }))).toBe(
      'environment "homelab": backend.pg.connStr: expected no credential in the spec (Terraform reads PG_CONN_STR from the environment it runs in), got a value (not shown)',
    );
  });

  test('a backend kind that does not exist', () => {
    expect(specError((s) => (s.backend = { gcs: { bucket: 'x' } }))).toBe(
      'environment "homelab": backend.gcs: expected exactly one of { local: {} }, { s3: { bucket, region, lockTable } } or { pg: {} }, got {"bucket":"x"}',
    );
  });

  test('two backends at once', () => {
    expect(specError((s) => (s.backend = { local: {}, pg: {} }))).toBe(
      'environment "homelab": backend: expected exactly one of { local: {} }, { s3: { bucket, region, lockTable } } or { pg: {} }, got ["local","pg"]',
    );
  });

  test('a local state file outside terraform-state/', () => {
    expect(specError((s) => (s.backend = { local: { file: '../../homelab.tfstate' } }))).toBe(
      'environment "homelab": backend.local.file: expected a file name ending in ".tfstate", such as "homelab.tfstate", got "../../homelab.tfstate"',
    );
  });
});
