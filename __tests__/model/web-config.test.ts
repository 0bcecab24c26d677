import { parse } from 'yaml';
import bcrypt from 'bcryptjs';
import { TerraformStack, TerraformVariable } from 'cdktf';
import { BCRYPT_HASH, renderWebConfig, webConfigDocument } from '../../model/web-config';
import { testApp } from '../support/synth';

const TLS = { certFile: '/etc/web/tls.crt', keyFile: '/etc/web/tls.key' };

describe('web configuration (exporter toolkit)', () => {
  test('GIVEN a certificate, a key and a user with a bcrypt hash THEN the file names them under the toolkit\'s keys', () => {
    const hash = bcrypt.hashSync('s3cret', 4);
    expect(parse(renderWebConfig('env/pushgateway', { tls: TLS, basicAuthUsers: { prometheus: hash } }))).toEqual({
      tls_server_config: { cert_file: '/etc/web/tls.crt', key_file: '/etc/web/tls.key', min_version: 'TLS12' },
      basic_auth_users: { prometheus: hash },
    });
  });

  test('a bcrypt hash renders as a YAML scalar that reads back unchanged, and matches the hash pattern', () => {
    const hash = bcrypt.hashSync('x', 10);
    expect(BCRYPT_HASH.test(hash)).toBe(true);
    expect(parse(renderWebConfig('w', { tls: TLS, basicAuthUsers: { a: hash } })).basic_auth_users.a).toBe(hash);
  });

  test('a Terraform reference to a hash is accepted and rendered as it is, for Terraform to resolve', () => {
    const stack = new TerraformStack(testApp(), 't');
    const hash = new TerraformVariable(stack, 'h', { type: 'string' }).stringValue;
    const doc = webConfigDocument('w', { tls: TLS, basicAuthUsers: { prometheus: hash, pusher: bcrypt.hashSync('y', 4) } });
    expect(doc.basic_auth_users.prometheus).toBe(hash);
    expect(Object.keys(doc.basic_auth_users)).toEqual(['prometheus', 'pusher']);
  });
});
