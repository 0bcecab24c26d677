import { JOB_INSTANCE, RATE } from '../../../model/dashboards/common';

export const ENV = 'lloom';

export const SEL = `{${JOB_INSTANCE}}`;

/** The node roles' scrape jobs. */
export const LLOOM_JOBS = 'lloom-client|lloom-executor|lloom-validator';

export const successRatio = (sel: string) =>
  `sum(rate(lloom_client_requests_total{${sel}, status="success"}[${RATE}])) / sum(rate(lloom_client_requests_total{${sel}}[${RATE}]))`;

export const p99Latency = (sel: string) => `histogram_quantile(0.99, sum by (le) (rate(lloom_request_duration_seconds_bucket{${sel}}[${RATE}])))`;
