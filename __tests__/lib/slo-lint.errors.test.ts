import { MetricCatalog } from '../../lib/catalogs';
import { formatFinding, LintJob } from '../../lib/lint';
import { SloSpec } from '../../model/slo';
import { lintSlos } from '../../lib/slo-lint';

/** An application: a request counter, an error counter, a gauge, a histogram with and one without buckets. */
const APP: MetricCatalog = [
  { name: 'app_requests_total', type: 'counter', labels: ['status'] },
  { name: 'app_errors_total', type: 'counter', labels: ['type'] },
  { name: 'app_queue_size', type: 'gauge', labels: ['queue'] },
  { name: 'app_request_duration_seconds', type: 'histogram', labels: ['route'], buckets: ['0.5', '1', '5', '+Inf'] },
  { name: 'app_db_duration_seconds', type: 'histogram', labels: [] },
];
const JOBS: LintJob[] = [{ name: 'app', scrapeInterval: '15s', metrics: APP, targetLabels: ['machine'] }];

const BASE = { description: 'requests', objective: 99.9, alerts: { page: 'critical', ticket: 'warning' } };

function events(good: string, total: string): SloSpec {
  return { name: 'requests', ...BASE, sli: { events: { good, total } } };
}

function latency(histogram: string, le: string): SloSpec {
  return { name: 'latency', ...BASE, sli: { latency: { histogram, le } } };
}

/** GIVEN these SLOs in environment "test" WHEN linted THEN the findings, one a line. */
function lint(...slos: SloSpec[]): string[] {
  return lintSlos('test', slos, JOBS).map(formatFinding);
}

describe('the SLI lint names the environment, the SLO, the field, what is wrong and what is expected', () => {
  test('good events of the same counter with one more matcher, and a bucket out of its histogram, pass', () => {
    expect(lint(events('app_requests_total{status="ok",machine="a"}', 'app_requests_total{machine="a"}'), latency('app_request_duration_seconds', '5'))).toEqual([]);
  });

  test('events from a metric no job exposes', () => {
    expect(lint(events('app_request_total{status="ok"}', 'app_request_total'))).toEqual([
      'environment "test": SLO "requests" (slos[0]): sli.events.good: app_request_total: no scrape job exposes this metric; an SLI counts events a job exposes',
      'environment "test": SLO "requests" (slos[0]): sli.events.total: app_request_total: no scrape job exposes this metric; an SLI counts events a job exposes',
    ]);
  });

  test('events from a gauge', () => {
    expect(lint(events('app_queue_size{queue="a"}', 'app_queue_size'))).toEqual([
      'environment "test": SLO "requests" (slos[0]): sli.events.good: app_queue_size is a gauge; an SLI counts events, so good and total must be counters',
      'environment "test": SLO "requests" (slos[0]): sli.events.total: app_queue_size is a gauge; an SLI counts events, so good and total must be counters',
    ]);
  });

  test('a matcher on a label the counter does not carry', () => {
    expect(lint(events('app_requests_total{code="200"}', 'app_requests_total'))).toEqual([
      'environment "test": SLO "requests" (slos[0]): sli.events.good: matcher code="200" of app_requests_total: app_requests_total carries no label "code", so it never matches; its labels are instance, job, machine, status',
    ]);
  });

  test('good and total from two counters: errors are not requests by construction', () => {
    expect(lint(events('app_errors_total', 'app_requests_total'))).toEqual([
      'environment "test": SLO "requests" (slos[0]): sli.events: good counts app_errors_total and total app_requests_total, so good events are not a subset of total events by construction; select both from one counter, good with more matchers (such as app_requests_total{status="success"})',
    ]);
  });

  test("good without one of total's matchers", () => {
    expect(lint(events('app_requests_total{status="ok"}', 'app_requests_total{machine="a"}'))).toEqual([
      'environment "test": SLO "requests" (slos[0]): sli.events.good: it lacks total\'s matcher machine="a", so good events are not a subset of total events by construction; add it to good',
    ]);
  });

  test('good selecting the same events as total', () => {
    expect(lint(events('app_requests_total', 'app_requests_total'))).toEqual([
      'environment "test": SLO "requests" (slos[0]): sli.events.good: it selects the same events as total, so nothing can fail; add the matcher that tells good events apart (such as status="success")',
    ]);
  });

  test('good matchers no test series can tell apart from total', () => {
    expect(lint(events('app_requests_total{status=~".+"}', 'app_requests_total'))).toEqual([
      'environment "test": SLO "requests" (slos[0]): sli.events.good: no label values satisfy app_requests_total{status=~".+"} while failing one of its own matchers, so no test series can be made; use = and != matchers, or regexes of plain alternatives',
    ]);
  });

  test('a latency SLI on something that is not a histogram', () => {
    expect(lint(latency('app_queue_size', '5'), latency('app_latency_seconds', '5'))).toEqual([
      'environment "test": SLO "latency" (slos[0]): sli.latency.histogram: app_queue_size is a gauge; a latency SLI counts requests in a histogram\'s buckets',
      'environment "test": SLO "latency" (slos[1]): sli.latency.histogram: no scrape job exposes app_latency_seconds; a latency SLI counts requests in a histogram\'s buckets',
    ]);
  });

  test('a latency threshold that is not one of the catalog\'s buckets', () => {
    expect(lint(latency('app_request_duration_seconds', '5.0'))).toEqual([
      'environment "test": SLO "latency" (slos[0]): sli.latency.le: app_request_duration_seconds has no bucket le="5.0"; its buckets are 0.5, 1, 5, +Inf: the threshold must be a bucket\'s bound, written as the exporter serves it',
    ]);
  });

  test('a latency SLI on a histogram whose catalog lists no buckets', () => {
    expect(lint(latency('app_db_duration_seconds', '1'))).toEqual([
      'environment "test": SLO "latency" (slos[0]): sli.latency.le: the catalog of app_db_duration_seconds lists no buckets, so le="1" cannot be checked; list the bounds the exporter serves (buckets: ["0.5", "1", "5", "+Inf"])',
    ]);
  });
});
