import { z } from 'zod';
import { PromQLSyntaxError, parsePromQL } from './promql';
import { isDuration, DURATION_EXPECTED } from './duration';
export const duration = z.string().refine(isDuration, { error: `expected ${DURATION_EXPECTED}` });

export const name = z.string().regex(/^[a-z][a-z0-9-]*$/, { error: 'expected a lower-case name such as "homelab" (letters, digits, "-")' });

export const jobName = z.string().regex(/^[A-Za-z_][A-Za-z0-9_.-]*$/, { error: 'expected a job name such as "node" or "rbee-hive"' });

export const labelName = z.string().regex(/^[a-zA-Z_][a-zA-Z0-9_]*$/, { error: 'expected a label name such as "severity" (letters, digits, "_")' });

export const labels = z.record(labelName, z.string());

export const secretName = z.string().regex(/^[a-z][a-z0-9_]*$/, {
  error: 'expected the snake_case name of a sensitive variable, such as "slack_webhook_url" (set it as TF_VAR_slack_webhook_url)',
});

export const hostPort = z.string().regex(/^[A-Za-z0-9.\-_[\]:]+:\d{1,5}$/, { error: 'expected "host:port" such as "hive1.example.com:8081"' });

export const PORT_EXPECTED = 'expected a port number from 1 to 65535';

export const port = z.number({ error: PORT_EXPECTED }).int({ error: PORT_EXPECTED }).min(1, { error: PORT_EXPECTED }).max(65535, { error: PORT_EXPECTED });

export const PROMQL_EXPECTED = 'expected a PromQL expression';

/** Parsed with Prometheus's own grammar: a syntax error is reported with its line and column. */
export const promql = z.string({ error: PROMQL_EXPECTED }).superRefine((e, ctx) => {
  if (e.trim() === '') return void ctx.addIssue({ code: 'custom', message: PROMQL_EXPECTED, input: e });
  try {
    parsePromQL(e);
  } catch (error) {
    if (!(error instanceof PromQLSyntaxError)) throw error;
    ctx.addIssue({ code: 'custom', message: `${PROMQL_EXPECTED} (${error.message})`, input: e });
  }
});

export const ipv4 = z.string().regex(/^\d{1,3}(\.\d{1,3}){3}$/, { error: 'expected an IPv4 address such as "127.0.0.1"' });

export const cidr = z.string().regex(/^\d{1,3}(\.\d{1,3}){3}\/\d{1,2}$/, { error: 'expected a subnet such as "172.30.10.0/24"' });

export const matcher = z.string().regex(/^\s*[a-zA-Z_][a-zA-Z0-9_]*\s*(=|!=|=~|!~)\s*"[^"]*"\s*$/, {
  error: 'expected an Alertmanager matcher such as severity="critical"',
});

export const email = z.string().regex(/^[^@\s]+@[^@\s]+$/, { error: 'expected an e-mail address' });

export const hhmm = z.string().regex(/^([01]\d|2[0-4]):[0-5]\d$/, { error: 'expected a time "HH:MM"' });
