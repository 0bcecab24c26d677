import { ChildProcess, execFileSync, spawn } from 'child_process';
import * as fs from 'fs';
import * as http from 'http';
import * as https from 'https';
import * as net from 'net';
import * as path from 'path';
import { EnvironmentSpec } from '../../environments/spec';
import { checker } from '../support/checkers';

/**
 * Real processes and small HTTP servers for the end-to-end tests. Everything listens on
 * 127.0.0.1 only, on ports the operating system hands out, and talks only to them.
 */

export const LOOPBACK = '127.0.0.1';

/** A free TCP port on 127.0.0.1. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, LOOPBACK, () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/** Polls `check` until it returns a value (not undefined) or `timeoutMs` passes. */
export async function waitFor<T>(what: string, timeoutMs: number, check: () => Promise<T | undefined> | T | undefined, everyMs = 100): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  for (;;) {
    try {
      const value = await check();
      if (value !== undefined) return value;
    } catch (error) {
      lastError = error;
    }
    if (Date.now() > deadline) {
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}${lastError ? ` (last error: ${String(lastError)})` : ''}`);
    }
    await new Promise((r) => setTimeout(r, everyMs));
  }
}

/** One request to 127.0.0.1 over HTTP or HTTPS, at most 2s; resolves with the status and the body. */
function send(client: typeof http | typeof https, options: https.RequestOptions & { port: number; path: string; method: string }, data?: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = client.request({ host: LOOPBACK, timeout: 2000, ...options }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk) => (text += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }));
    });
    req.on('timeout', () => req.destroy(new Error(`${options.method} ${options.path} on port ${options.port} timed out`)));
    req.on('error', reject);
    req.end(data);
  });
}

/** An HTTP request to 127.0.0.1, at most 2s; resolves with the status and the body. */
export function request(port: number, urlPath: string, method = 'GET', body?: unknown): Promise<{ status: number; body: string }> {
  const data = body === undefined ? undefined : JSON.stringify(body);
  return send(http, { port, path: urlPath, method, headers: data ? { 'content-type': 'application/json', 'content-length': Buffer.byteLength(data) } : {} }, data);
}

export async function getJson<T = any>(port: number, urlPath: string): Promise<T> {
  const res = await request(port, urlPath);
  if (res.status !== 200) throw new Error(`GET ${urlPath} on port ${port}: HTTP ${res.status} ${res.body}`);
  return JSON.parse(res.body) as T;
}

/** A real process (prometheus, prometheus-alertmanager, prometheus-node-exporter) with its log kept. */
export class Daemon {
  private child?: ChildProcess;
  private readonly logFile: string;

  constructor(readonly name: string, private readonly command: string, private readonly args: readonly string[], logDir: string) {
    this.logFile = path.join(logDir, `${name}.log`);
  }

  start(): this {
    if (this.running) throw new Error(`${this.name} is running already`);
    const fd = fs.openSync(this.logFile, 'a');
    this.child = spawn(this.command, [...this.args], { stdio: ['ignore', fd, fd] });
    fs.closeSync(fd);
    this.child.on('error', (e) => fs.appendFileSync(this.logFile, `spawn error: ${String(e)}\n`));
    return this;
  }

  get running(): boolean {
    return this.child !== undefined && this.child.exitCode === null && this.child.signalCode === null;
  }

  /** SIGTERM, then SIGKILL after `graceMs`; resolves once the process is gone. */
  async stop(graceMs = 3000): Promise<void> {
    const child = this.child;
    if (!child || !this.running) return;
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
    await exited;
    clearTimeout(timer);
  }

  /** The end of the process's log, for failure messages. */
  logTail(lines = 20): string {
    try {
      return fs.readFileSync(this.logFile, 'utf8').trim().split('\n').slice(-lines).join('\n');
    } catch {
      return '(no log)';
    }
  }
}

/** What the webhook receiver got: one Alertmanager notification. */
export interface Notification {
  /** The path it was POSTed to: /<receiver>. */
  readonly path: string;
  readonly receivedAt: number;
  readonly body: {
    receiver: string;
    status: 'firing' | 'resolved';
    alerts: Array<{ status: 'firing' | 'resolved'; labels: Record<string, string>; annotations: Record<string, string>; fingerprint: string }>;
  };
}

/** The receiving end of Alertmanager's webhooks: every POST, kept in order. */
export class WebhookReceiver {
  readonly notifications: Notification[] = [];
  private server?: http.Server;
  port = 0;

  async start(): Promise<this> {
    this.server = http.createServer((req, res) => {
      let text = '';
      req.setEncoding('utf8');
      req.on('data', (chunk) => (text += chunk));
      req.on('end', () => {
        if (req.method === 'POST') this.notifications.push({ path: req.url ?? '', receivedAt: Date.now(), body: JSON.parse(text) });
        res.writeHead(200).end();
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(0, LOOPBACK, resolve));
    this.port = (this.server.address() as net.AddressInfo).port;
    return this;
  }

  url(receiver: string): string {
    return `http://${LOOPBACK}:${this.port}/${receiver}`;
  }

  /** Every alert delivered so far, with the notification that carried it. */
  alerts(): Array<Notification['body']['alerts'][number] & { receiver: string; path: string; receivedAt: number }> {
    return this.notifications.flatMap((n) => n.body.alerts.map((a) => ({ ...a, receiver: n.body.receiver, path: n.path, receivedAt: n.receivedAt })));
  }

  async stop(): Promise<void> {
    const server = this.server;
    if (!server) return;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}

type Receivers = EnvironmentSpec['monitoring']['alertmanager']['receivers'];

/** A spec's Alertmanager receivers, each replaced by a webhook to `webhooks` at /<prefix><receiver name>. */
export function webhookReceivers(receivers: Receivers, webhooks: WebhookReceiver, prefix = ''): Receivers {
  return receivers.map((r) => ({ name: r.name, webhook: [{ url: webhooks.url(`${prefix}${r.name}`) }] }));
}

/** An Alertmanager process, and the port of its API. */
export type AlertmanagerDaemon = Daemon & { readonly port: number };

/** prometheus-alertmanager 0.33 (from Debian testing, .tools/bin) on 127.0.0.1:`port`, alone (no cluster), its state and log in `dir`; not started. */
export function alertmanagerDaemon(name: string, configFile: string, port: number, dir: string): AlertmanagerDaemon {
  const daemon = new Daemon(name, checker('prometheus-alertmanager'), [
    `--config.file=${configFile}`,
    `--storage.path=${path.join(dir, `${name}-data`)}`,
    `--web.listen-address=${LOOPBACK}:${port}`,
    '--cluster.listen-address=',
  ], dir);
  return Object.assign(daemon, { port });
}

/** Waits until the Alertmanager serves its loaded config; fails with the end of its log. */
export async function waitForAlertmanager(alertmanager: AlertmanagerDaemon, timeoutMs = 10_000): Promise<void> {
  const ready = async () => ((await getJson(alertmanager.port, '/api/v2/status')).config ? true : undefined);
  await waitFor(`${alertmanager.name} ready`, timeoutMs, ready).catch((e) => {
    throw new Error(`${e}\n${alertmanager.logTail()}`);
  });
}

/** A /metrics endpoint serving fixed text: an application target that stays up. */
export async function metricsEndpoint(text: string): Promise<{ port: number; close: () => Promise<void> }> {
  const server = http.createServer((_req, res) => res.writeHead(200, { 'content-type': 'text/plain; version=0.0.4' }).end(text));
  await new Promise<void>((resolve) => server.listen(0, LOOPBACK, resolve));
  return {
    port: (server.address() as net.AddressInfo).port,
    close: () => {
      server.closeAllConnections();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** A CA and a server certificate for 127.0.0.1 and localhost, as homelab's are made: ECDSA P-256. */
export function makeCertificates(into: string): void {
  const openssl = (...args: string[]) => execFileSync('openssl', args, { cwd: into, stdio: 'pipe' });
  openssl('req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes', '-keyout', 'ca.key', '-out', 'ca.crt', '-days', '1',
    '-subj', '/CN=test monitoring CA', '-addext', 'basicConstraints=critical,CA:TRUE', '-addext', 'keyUsage=critical,keyCertSign,cRLSign');
  openssl('req', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes', '-keyout', 'server.key', '-out', 'server.csr', '-subj', '/CN=localhost');
  fs.writeFileSync(path.join(into, 'server.ext'), 'subjectAltName=DNS:localhost,IP:127.0.0.1\nextendedKeyUsage=serverAuth\nkeyUsage=critical,digitalSignature\n');
  openssl('x509', '-req', '-in', 'server.csr', '-CA', 'ca.crt', '-CAkey', 'ca.key', '-CAcreateserial', '-out', 'server.crt', '-days', '1', '-extfile', 'server.ext');
}

/** An HTTPS request to 127.0.0.1 for the name "localhost", trusting the CA in `caFile` only; at most 2s. */
export function httpsRequest(caFile: string, port: number, urlPath: string, auth?: string, method = 'GET', body?: string): Promise<{ status: number; body: string }> {
  return send(https, { port, path: urlPath, method, auth, ca: fs.readFileSync(caFile), servername: 'localhost' }, body);
}
