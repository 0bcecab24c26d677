import { callsOf, isAppliedTo, nestedCalls, parsePromQL } from '../../lib/promql';

describe('parsePromQL: alert and dashboard expressions', () => {
  it('analyses a plain comparison on a gauge', () => {
    // GIVEN an alert expression comparing a selector with a number
    const expr = 'brain_worker_status == 0';
    // WHEN it is parsed
    const a = parsePromQL(expr);
    // THEN there is one selector without matchers or range, no call, and the top level filters
    expect(a.selectors).toHaveLength(1);
    expect(a.selectors[0]).toMatchObject({ metric: 'brain_worker_status', matchers: [], position: 0 });
    expect(a.selectors[0].range).toBeUndefined();
    expect(a.calls).toEqual([]);
    expect(a.binaryOps).toEqual([expect.objectContaining({ op: '==', isComparison: true, bool: false, position: 20 })]);
    expect(a.hasTopLevelComparison).toBe(true);
    expect(a.metrics).toEqual(['brain_worker_status']);
  });

  it('resolves the window of increase()', () => {
    // GIVEN increase() over a 2h range compared with 0
    const a = parsePromQL('increase(brain_lancedb_rows_total[2h]) == 0');
    // THEN the selector has range 2h = 7200s and increase() is applied to that metric over that window
    expect(a.selectors[0]).toMatchObject({ metric: 'brain_lancedb_rows_total', range: '2h', rangeSeconds: 7200, rangeIsTemplate: false, position: 9 });
    expect(a.calls).toHaveLength(1);
    expect(a.calls[0]).toMatchObject({ fn: 'increase', kind: 'function', position: 0 });
    expect(a.calls[0].rangeArgument).toMatchObject({ kind: 'matrix_selector', metrics: ['brain_lancedb_rows_total'], range: '2h', rangeSeconds: 7200 });
    expect(isAppliedTo(a, 'increase', 'brain_lancedb_rows_total')).toBe(true);
    expect(isAppliedTo(a, 'rate', 'brain_lancedb_rows_total')).toBe(false);
    expect(a.rangeSelectorsSeconds).toEqual([7200]);
    expect(a.hasTopLevelComparison).toBe(true);
  });

  it('keeps label matchers and aggregations without grouping', () => {
    // GIVEN sum() over a selector with an equality matcher
    const a = parsePromQL('sum(rbee_hive_workers_total{state="idle"}) == 0');
    // THEN the matcher is unquoted and sum is an aggregation without grouping
    expect(a.selectors[0]).toMatchObject({
      metric: 'rbee_hive_workers_total',
      matchers: [{ label: 'state', op: '=', value: 'idle' }],
      text: 'rbee_hive_workers_total{state="idle"}',
    });
    expect(a.calls).toEqual([expect.objectContaining({ fn: 'sum', kind: 'aggregation' })]);
    expect(a.calls[0].grouping).toBeUndefined();
    expect(a.calls[0].args[0]).toMatchObject({ kind: 'vector_selector', metrics: ['rbee_hive_workers_total'] });
    expect(a.hasTopLevelComparison).toBe(true);
  });

  it('exposes what histogram_quantile takes', () => {
    // GIVEN histogram_quantile over rate() of a _bucket series, compared with 25
    const a = parsePromQL('histogram_quantile(0.95, rate(rbee_hive_shutdown_duration_seconds_bucket[5m])) > 25');
    // THEN the calls are listed outermost first with their arguments
    expect(a.calls.map((c) => c.fn)).toEqual(['histogram_quantile', 'rate']);
    const [hq, rate] = a.calls;
    expect(hq.args).toHaveLength(2);
    expect(hq.args[0]).toMatchObject({ kind: 'number', value: 0.95 });
    expect(hq.args[1]).toMatchObject({ kind: 'expression', metrics: ['rbee_hive_shutdown_duration_seconds_bucket'] });
    expect(hq.rangeArgument).toBeUndefined();
    expect(rate.rangeArgument).toMatchObject({ metrics: ['rbee_hive_shutdown_duration_seconds_bucket'], range: '5m', rangeSeconds: 300 });
    expect(a.hasTopLevelComparison).toBe(true);
  });

  it('parses regex matchers', () => {
    // GIVEN up with a regex matcher on job
    const a = parsePromQL('up{job=~"queen-rbee|rbee-hive"} == 0');
    // THEN the matcher keeps op and regex
    expect(a.selectors[0].matchers).toEqual([{ label: 'job', op: '=~', value: 'queen-rbee|rbee-hive' }]);
    expect(a.hasTopLevelComparison).toBe(true);
  });

  it('looks through parentheses for the top-level comparison of an error ratio', () => {
    // GIVEN a ratio of two rates in parentheses compared with 0.05
    const expr = '(rate(lloom_client_requests_total{status="failed"}[5m]) / rate(lloom_client_requests_total[5m])) > 0.05';
    const a = parsePromQL(expr);
    // THEN both selectors are found with their own matchers, and the outermost operator is '>'
    expect(a.selectors).toHaveLength(2);
    expect(a.selectors[0]).toMatchObject({ metric: 'lloom_client_requests_total', matchers: [{ label: 'status', op: '=', value: 'failed' }], rangeSeconds: 300 });
    expect(a.selectors[1]).toMatchObject({ metric: 'lloom_client_requests_total', matchers: [], rangeSeconds: 300, position: expr.lastIndexOf('lloom_client') });
    expect(a.metrics).toEqual(['lloom_client_requests_total']);
    expect(callsOf(a, 'rate')).toHaveLength(2);
    expect(a.binaryOps.map((b) => b.op)).toEqual(['>', '/']);
    expect(a.hasTopLevelComparison).toBe(true);
  });

  it('handles a comparison between two vectors', () => {
    // GIVEN a counter compared with a scaled counter in parentheses
    const a = parsePromQL('lloom_validator_penalties_total > (lloom_validator_rewards_earned_total * 0.1)');
    // THEN both metrics are listed and the top level filters
    expect(a.metrics).toEqual(['lloom_validator_penalties_total', 'lloom_validator_rewards_earned_total']);
    expect(a.calls).toEqual([]);
    expect(a.binaryOps.map((b) => b.op)).toEqual(['>', '*']);
    expect(a.hasTopLevelComparison).toBe(true);
  });

  it('reports predict_linear without a comparison', () => {
    // GIVEN predict_linear over 1h with a 3600s horizon and no comparison
    const a = parsePromQL('predict_linear(lloom_executor_tokens_processed_total[1h], 3600)');
    // THEN its range argument and numeric horizon are exposed, and nothing filters
    const [call] = a.calls;
    expect(call.fn).toBe('predict_linear');
    expect(call.rangeArgument).toMatchObject({ metrics: ['lloom_executor_tokens_processed_total'], range: '1h', rangeSeconds: 3600 });
    expect(call.args[1]).toMatchObject({ kind: 'number', value: 3600 });
    expect(a.hasTopLevelComparison).toBe(false);
  });

  it('lists grouping labels of a trailing by clause', () => {
    // GIVEN sum(rate(...)) by (model)
    const a = parsePromQL('sum(rate(lloom_client_requests_total[5m])) by (model)');
    // THEN the aggregation records its grouping and the labels are listed
    expect(a.calls[0]).toMatchObject({ fn: 'sum', grouping: { mode: 'by', labels: ['model'] } });
    expect(a.groupingLabels).toEqual(['model']);
    expect(isAppliedTo(a, 'rate', 'lloom_client_requests_total')).toBe(true);
    expect(a.hasTopLevelComparison).toBe(false);
  });

  it('accepts $__rate_interval and marks the range as a template', () => {
    // GIVEN a Grafana panel query using $__rate_interval
    const a = parsePromQL('histogram_quantile(0.99, sum(rate(lloom_request_duration_seconds_bucket[$__rate_interval])) by (le))');
    // THEN the range is kept as written, flagged as a template and has no static value
    expect(a.selectors[0]).toMatchObject({ metric: 'lloom_request_duration_seconds_bucket', range: '$__rate_interval', rangeIsTemplate: true });
    expect(a.selectors[0].rangeSeconds).toBeUndefined();
    expect(a.rangeSelectorsSeconds).toEqual([]);
    expect(a.templateVariables).toEqual(['__rate_interval']);
    // AND the histogram_quantile aggregation keeps `le`
    const hq = callsOf(a, 'histogram_quantile')[0];
    expect(hq.args[1].metrics).toEqual(['lloom_request_duration_seconds_bucket']);
    const inner = nestedCalls(a, hq).find((c) => c.kind === 'aggregation');
    expect(inner?.grouping).toEqual({ mode: 'by', labels: ['le'] });
    expect(callsOf(a, 'rate')[0].rangeArgument).toMatchObject({ range: '$__rate_interval', rangeIsTemplate: true });
  });

  it('does not treat arithmetic on a range function as a filter', () => {
    // GIVEN avg_over_time(...) * 100
    const a = parsePromQL('avg_over_time(up{job=~"lloom-.*"}[5m]) * 100');
    // THEN the range function and window are found and there is no top-level comparison
    expect(a.calls[0].rangeArgument).toMatchObject({ metrics: ['up'], rangeSeconds: 300 });
    expect(a.selectors[0].matchers).toEqual([{ label: 'job', op: '=~', value: 'lloom-.*' }]);
    expect(a.hasTopLevelComparison).toBe(false);
  });

  it('respects operator precedence: division binds tighter than >', () => {
    // GIVEN a memory ratio compared with 0.9 without parentheses
    const a = parsePromQL('container_memory_usage_bytes{name="osmen-gateway"} / container_spec_memory_limit_bytes{name="osmen-gateway"} > 0.9');
    // THEN '>' is the outermost operation
    expect(a.binaryOps.map((b) => b.op)).toEqual(['>', '/']);
    expect(a.metrics).toEqual(['container_memory_usage_bytes', 'container_spec_memory_limit_bytes']);
    expect(a.selectors.every((s) => s.matchers[0].value === 'osmen-gateway')).toBe(true);
    expect(a.hasTopLevelComparison).toBe(true);
  });

  it('does not count a bool comparison as filtering', () => {
    // GIVEN x > bool 1
    const a = parsePromQL('x > bool 1');
    // THEN the comparison is recorded with bool, but the top level does not filter
    expect(a.binaryOps).toEqual([expect.objectContaining({ op: '>', isComparison: true, bool: true })]);
    expect(a.hasTopLevelComparison).toBe(false);
  });

  it('parses absent() of a vector selector', () => {
    // GIVEN absent(up{job="node"})
    const a = parsePromQL('absent(up{job="node"})');
    // THEN its argument is a vector selector and there is no comparison
    expect(a.calls[0]).toMatchObject({ fn: 'absent', kind: 'function' });
    expect(a.calls[0].args[0]).toMatchObject({ kind: 'vector_selector', metrics: ['up'], text: 'up{job="node"}' });
    expect(a.calls[0].rangeArgument).toBeUndefined();
    expect(a.hasTopLevelComparison).toBe(false);
  });
});

describe('hasTopLevelComparison rule', () => {
  it.each([
    ['rate(x[5m]) > 1 and on(job) up == 1', true],
    ['x > 1 unless y', true],
    // a condition on the right of and/unless, or under arithmetic, filters too (Prometheus keeps matched series only)
    ['up and x > 1', true],
    ['x unless y > 1', true],
    ['x + bool y', false],
    ['x > 1 or y < 2', true],
    ['x > 1 or vector(0)', false],
    ['((x >= 1))', true],
    ['(x > 1) * 100', true],
    ['count(x > 1)', true],
    ['rate(x[5m])', false],
    ['-x > 1', true],
    ['x > bool 1 and y', false],
    ['sum by (job) (up) != 1', true],
    ['rate(x[5m])', false],
  ])('%s -> %s', (expr, expected) => {
    // GIVEN an expression WHEN analysed THEN the filtering rule gives the expected answer
    expect(parsePromQL(expr).hasTopLevelComparison).toBe(expected);
  });
});

describe('parsePromQL: details', () => {
  it('records vector matching clauses', () => {
    // GIVEN a division with on(...) group_left(...)
    const a = parsePromQL('a / on(job, instance) group_left(version) b');
    // THEN the matching is recorded and its labels listed
    expect(a.binaryOps[0].matching).toEqual({ mode: 'on', labels: ['job', 'instance'], group: 'left', include: ['version'] });
    expect(a.groupingLabels).toEqual(['job', 'instance', 'version']);
  });

  it('records ignoring() and without()', () => {
    // GIVEN ignoring() and a leading without clause
    const a = parsePromQL('sum without (cpu) (rate(node_cpu_seconds_total[1m])) / ignoring(mode) group_right x');
    // THEN both are visible
    expect(a.calls[0].grouping).toEqual({ mode: 'without', labels: ['cpu'] });
    expect(a.binaryOps[0].matching).toEqual({ mode: 'ignoring', labels: ['mode'], group: 'right', include: [] });
  });

  it('resolves __name__ matchers to the metric name', () => {
    // GIVEN a selector naming its metric through __name__
    const a = parsePromQL('{__name__="up", job="node"}');
    // THEN metric is set and the matchers are kept
    expect(a.selectors[0].metric).toBe('up');
    expect(a.selectors[0].matchers).toHaveLength(2);
    // AND a regex __name__ matcher does not set the metric
    expect(parsePromQL('{__name__=~"up|down"}').selectors[0].metric).toBeUndefined();
  });

  it('unquotes string escapes and raw strings', () => {
    // GIVEN double-quoted escapes, single quotes and a backtick raw string
    const a = parsePromQL('x{a="b\\"c\\n", b=\'d\', c=`e\\f`}');
    // THEN the values are resolved like Go strings
    expect(a.selectors[0].matchers.map((m) => m.value)).toEqual(['b"c\n', 'd', 'e\\f']);
  });

  it('sees through offset in a range argument and evaluates subquery ranges', () => {
    // GIVEN rate over an offset matrix, and max_over_time over a subquery
    const a = parsePromQL('rate(x[5m] offset 1h) - max_over_time(rate(y[1m])[1h:1m])');
    // THEN the offset is recorded and both range arguments are classified
    expect(a.selectors[0]).toMatchObject({ metric: 'x', range: '5m', offsetModifier: '1h' });
    expect(callsOf(a, 'rate')[0].rangeArgument).toMatchObject({ kind: 'matrix_selector', rangeSeconds: 300 });
    expect(callsOf(a, 'max_over_time')[0].rangeArgument).toMatchObject({ kind: 'subquery', range: '1h', rangeSeconds: 3600, metrics: ['y'] });
  });

  it('evaluates duration arithmetic and quantile_over_time\'s second argument', () => {
    // GIVEN quantile_over_time whose range vector is the second argument, with a computed range
    const a = parsePromQL('quantile_over_time(0.9, x[1h30m]) + rate(y[5m * 2])');
    // THEN ranges are evaluated in seconds
    expect(callsOf(a, 'quantile_over_time')[0].rangeArgument).toMatchObject({ range: '1h30m', rangeSeconds: 5400 });
    expect(a.rangeSelectorsSeconds).toEqual([5400, 600]);
  });

  it('accepts other Grafana variables in ranges, offsets and matchers', () => {
    // GIVEN $__interval, ${window} and $__range plus a $job matcher
    const expr = 'increase(x{job=~"$job"}[$__interval]) + rate(y[${window}] offset $__range)';
    const a = parsePromQL(expr);
    // THEN the variables are kept as written and positions still refer to the original text
    expect(a.selectors[0]).toMatchObject({ range: '$__interval', rangeIsTemplate: true, matchers: [{ label: 'job', op: '=~', value: '$job' }] });
    expect(a.selectors[1]).toMatchObject({ range: '${window}', rangeIsTemplate: true, offsetModifier: '$__range', position: expr.indexOf('y[') });
    expect(a.selectors[1].text).toBe('y[${window}]');
    expect(a.templateVariables).toEqual(['job', '__interval', 'window', '__range']);
  });

  it('lists aggregation parameters as arguments', () => {
    // GIVEN topk with a k parameter
    const a = parsePromQL('topk(5, sum by (instance) (rate(x[5m])))');
    // THEN the number and the expression are the two arguments
    expect(a.calls[0].args.map((x) => x.kind)).toEqual(['number', 'expression']);
    expect(a.calls[0].args[0].value).toBe(5);
  });

  it('lower-cases aggregation operators and keywords', () => {
    // GIVEN an upper-case SUM ... BY
    const a = parsePromQL('SUM(x) BY (job)');
    // THEN it is reported as sum by (job)
    expect(a.calls[0]).toMatchObject({ fn: 'sum', grouping: { mode: 'by', labels: ['job'] } });
  });
});

describe('parsePromQL: durations in ranges', () => {
  it.each([
    ['rate(x[5m])', 300],
    ['rate(x[1h30m])', 5400],
    ['rate(x[1w2d])', 9 * 86400],
    ['rate(x[1y])', 365 * 86400],
    ['rate(x[250ms])', 0.25],
    ['rate(x[1m5s100ms])', 65.1],
    ['rate(x[300])', 300],
    ['rate(x[0])', 0],
  ])('%s reads %s seconds', (expr, seconds) => {
    // GIVEN a range written as a duration or as a number of seconds ("0" included)
    // WHEN parsed THEN its window is in seconds
    expect(parsePromQL(expr).calls[0].rangeArgument?.rangeSeconds).toBeCloseTo(seconds, 6);
  });
});

describe('parsePromQL: regex matchers', () => {
  it('accepts RE2 syntax JavaScript lacks: flags, (?P<name>...), \\Q...\\E, a leading "]" in a class', () => {
    // GIVEN matchers Prometheus compiles WHEN parsed THEN they are accepted and kept as written
    const expr = 'x{a=~"(?i)NODE", b=~"(?P<n>a)\\\\Q(\\\\E", c=~"[]a]+", d!~"(?s:.)+(?-s)x"}';
    expect(parsePromQL(expr).selectors[0].matchers.map((m) => m.value)).toEqual(['(?i)NODE', '(?P<n>a)\\Q(\\E', '[]a]+', '(?s:.)+(?-s)x']);
  });

  it('leaves values with a Grafana variable alone: Grafana replaces it before Prometheus reads them', () => {
    expect(parsePromQL('x{a=~"($job"}').selectors[0].matchers).toEqual([{ label: 'a', op: '=~', value: '($job' }]);
  });
});

describe('parsePromQL: offset binds as Prometheus binds it', () => {
  it('offsets the right-hand selector only, and keeps the comparison at the top level', () => {
    // GIVEN `a != b offset 5m`, which the grammar library wraps whole in an offset
    const a = parsePromQL('node_boot_time_seconds != node_boot_time_seconds offset 5m');
    // THEN the offset is on b alone and the expression is a condition, as Prometheus reads it
    expect(a.selectors.map((s) => s.offsetModifier)).toEqual([undefined, '5m']);
    expect(a.hasTopLevelComparison).toBe(true);
  });

  it('refuses an offset after a call inside a binary expression, as Prometheus does', () => {
    expect(() => parsePromQL('a > rate(b[5m]) offset 5m')).toThrow(
      'syntax error at line 1, column 5: offset modifier must be preceded by an instant vector selector or range vector selector or a subquery',
    );
  });
});
