import * as crypto from 'crypto';
import * as fs from 'fs';
import * as http from 'http';
import * as net from 'net';
import * as path from 'path';
import bcrypt from 'bcryptjs';
import { gatewayConfig, PUSH_PATH } from '../../runtimes/docker/loki-gateway';
import { renderHtpasswd, renderNginx } from '../../lib/nginx';
import { removeTempDirs, tempDir } from '../support/files';
import { Daemon, freePort, httpsRequest, LOOPBACK, makeCertificates, request, waitFor } from './processes';

/**
 * Live, with Debian's nginx on 127.0.0.1: the gateway configuration this project renders for
 * Loki's LAN address (the same server blocks, in a main context of the test's own paths), with
 * certificates made for the test by openssl and an htpasswd of bcrypt hashes, in front of a
 * stand-in for Loki that records what reaches it. Only TLS, only known users, agents may only
 * push and Grafana may only read, and the password never reaches Loki.
 */

jest.setTimeout(30_000);

interface Seen { method: string; url: string; authorization?: string }
const seen: Seen[] = [];
let loki: http.Server;
let nginx: Daemon;
let dir: string;
let ports: { gateway: number; health: number; loki: number };
const passwords = { pc: crypto.randomBytes(16).toString('hex'), grafana: crypto.randomBytes(16).toString('hex') };

const https = (urlPath: string, auth?: string, method?: string, body?: string) => httpsRequest(path.join(dir, 'ca.crt'), ports.gateway, urlPath, auth, method, body);

beforeAll(async () => {
  // GIVEN a stand-in for Loki on 127.0.0.1 that answers every request and records it
  loki = http.createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      seen.push({ method: req.method ?? '', url: req.url ?? '', authorization: req.headers.authorization });
      res.writeHead(req.url === PUSH_PATH ? 204 : 200, { 'content-type': 'application/json' }).end(req.url === PUSH_PATH ? undefined : '{"status":"success"}');
    });
  });
  await new Promise<void>((resolve) => loki.listen(0, LOOPBACK, resolve));
  dir = tempDir('e2e-loki-gateway-');
  makeCertificates(dir);
  ports = { gateway: await freePort(), health: await freePort(), loki: (loki.address() as net.AddressInfo).port };

  // AND the gateway's rendered server blocks and htpasswd: pc pushes, grafana reads
  const htpasswd = { push: path.join(dir, 'push.htpasswd'), read: path.join(dir, 'read.htpasswd') };
  fs.writeFileSync(htpasswd.push, renderHtpasswd([{ username: 'pc', hash: bcrypt.hashSync(passwords.pc, 10) }]));
  fs.writeFileSync(htpasswd.read, renderHtpasswd([{ username: 'grafana', hash: bcrypt.hashSync(passwords.grafana, 10) }]));
  const servers = gatewayConfig({
    port: ports.gateway,
    healthPort: ports.health,
    upstream: `http://${LOOPBACK}:${ports.loki}`,
    files: { cert: path.join(dir, 'server.crt'), key: path.join(dir, 'server.key'), htpasswd },
  });
  const config = path.join(dir, 'nginx.conf');
  const temp = (name: string) => ({ name, args: [path.join(dir, name.replace(/_path$/, ''))] });
  fs.writeFileSync(config, renderNginx([
    { name: 'daemon', args: ['off'] },
    { name: 'master_process', args: ['off'] },
    { name: 'pid', args: [path.join(dir, 'nginx.pid')] },
    { name: 'error_log', args: [path.join(dir, 'error.log')] },
    { name: 'events', block: [] },
    {
      name: 'http',
      block: [
        { name: 'access_log', args: [path.join(dir, 'access.log')] },
        ...['client_body_temp_path', 'proxy_temp_path', 'fastcgi_temp_path', 'uwsgi_temp_path', 'scgi_temp_path'].map(temp),
        ...servers,
      ],
    },
  ]));
  // AND nginx started with it, after its own check of the configuration
  nginx = new Daemon('nginx', 'nginx', ['-e', path.join(dir, 'error.log'), '-c', config], dir);
  nginx.start();
  await waitFor('the gateway healthy', 10_000, async () => ((await request(ports.health, '/healthz')).status === 200 ? true : undefined)).catch((e) => {
    throw new Error(`${e}\n${nginx.logTail()}\n${fs.existsSync(path.join(dir, 'error.log')) ? fs.readFileSync(path.join(dir, 'error.log'), 'utf8') : ''}`);
  });
});

afterAll(async () => {
  await nginx?.stop();
  loki?.closeAllConnections();
  await new Promise<void>((resolve) => (loki ? loki.close(() => resolve()) : resolve()));
  removeTempDirs();
});

const STREAM = JSON.stringify({ streams: [{ stream: { job: 'syslog', host: 'pc' }, values: [['1700000000000000000', 'hello']] }] });

describe('the Loki gateway (nginx) with the rendered configuration', () => {
  test('a log agent with its password pushes; Loki gets the push without the password', async () => {
    seen.length = 0;
    expect((await https(PUSH_PATH, `pc:${passwords.pc}`, 'POST', STREAM)).status).toBe(204);
    expect(seen).toEqual([{ method: 'POST', url: PUSH_PATH, authorization: undefined }]);
  });

  test('Grafana with its password queries', async () => {
    seen.length = 0;
    const res = await https('/loki/api/v1/query_range?query=%7Bjob%3D%22syslog%22%7D', `grafana:${passwords.grafana}`);
    expect(res).toEqual({ status: 200, body: '{"status":"success"}' });
    expect(seen.map((s) => s.url)).toEqual(['/loki/api/v1/query_range?query=%7Bjob%3D%22syslog%22%7D']);
  });

  test('the log agent may not read or delete, Grafana may not push (401), and neither reaches Loki', async () => {
    seen.length = 0;
    expect((await https('/loki/api/v1/labels', `pc:${passwords.pc}`)).status).toBe(401);
    expect((await https('/loki/api/v1/delete?query=%7Bjob%3D%22syslog%22%7D', `pc:${passwords.pc}`, 'POST')).status).toBe(401);
    expect((await https(PUSH_PATH, `grafana:${passwords.grafana}`, 'POST', STREAM)).status).toBe(401);
    expect(seen).toEqual([]);
  });

  test('no credentials, a wrong password or an unknown user get 401 and never reach Loki', async () => {
    seen.length = 0;
    for (const auth of [undefined, `pc:${passwords.grafana}`, `grafana:${passwords.pc}`, `admin:${passwords.pc}`]) {
      expect({ auth, status: (await https(PUSH_PATH, auth, 'POST', STREAM)).status }).toEqual({ auth, status: 401 });
      expect({ auth, status: (await https('/loki/api/v1/labels', auth)).status }).toEqual({ auth, status: 401 });
    }
    expect(seen).toEqual([]);
  });

  test('plain HTTP is refused', async () => {
    seen.length = 0;
    const res = await request(ports.gateway, PUSH_PATH, 'POST', JSON.parse(STREAM));
    expect(res.status).toBe(400);
    expect(res.body).toContain('The plain HTTP request was sent to HTTPS port');
    expect(seen).toEqual([]);
  });
});
