import { llamaOrch } from '../../environments/llama-orch/spec';
import { specError } from '../support/spec';

describe('environment spec errors name the environment, the field, what was given and what is expected', () => {
  test('an unknown severity', () => {
    expect(specError((s) => (s.monitoring.ruleGroups[0].rules[0].labels.severity = 'urgent'))).toBe(
      'environment "homelab": monitoring.ruleGroups[0].rules[0].labels.severity: expected one of "critical", "high", "warning", "info", got "urgent"',
    );
  });

  test('a duration written "5 minutes"', () => {
    expect(specError((s) => (s.monitoring.ruleGroups[0].rules[3].for = '5 minutes'))).toBe(
      'environment "homelab": monitoring.ruleGroups[0].rules[3].for: expected a duration such as "30s", "5m", "1h30m" or "15d", got "5 minutes"',
    );
  });

  test('a target without a port', () => {
    expect(specError((s) => (s.monitoring.jobs[1].targets[0] = 'hive1.example.com'), llamaOrch)).toBe(
      'environment "llama-orch": monitoring.jobs[1].targets[0]: expected "host:port" such as "hive1.example.com:8081", got "hive1.example.com"',
    );
  });

  test('two jobs with one name', () => {
    expect(specError((s) => (s.monitoring.jobs[3].name = 'brain-worker'))).toBe(
      'environment "homelab": monitoring.jobs[3].name: expected a name no other job has (jobs[2] is "brain-worker" already), got "brain-worker"',
    );
  });

  test('an alert with no expr', () => {
    expect(specError((s) => delete s.monitoring.ruleGroups[0].rules[1].expr)).toBe('environment "homelab": monitoring.ruleGroups[0].rules[1].expr: expected a PromQL expression, got nothing');
  });

  test('an alert whose expr is blank', () => {
    expect(specError((s) => (s.monitoring.ruleGroups[0].rules[1].expr = '  '))).toBe('environment "homelab": monitoring.ruleGroups[0].rules[1].expr: expected a PromQL expression, got "  "');
  });

  test('an alert whose job matcher is a regex that does not compile (it crashed the generated alerts)', () => {
    expect(specError((s) => (s.monitoring.ruleGroups[0].rules[1].expr = 'up{job=~"("} == 0'))).toBe(
      'environment "homelab": monitoring.ruleGroups[0].rules[1].expr: expected a PromQL expression (syntax error at line 1, column 9: invalid regular expression in matcher job=~"(": missing closing ): `(`), got "up{job=~\\"(\\"} == 0"',
    );
  });

  test('a misspelt field', () => {
    expect(specError((s) => (s.monitoring.prometheus.retention = '15d'))).toBe('environment "homelab": monitoring.prometheus.retention: expected no field "retention" (check its spelling), got "15d"');
  });

  test('a missing required setting', () => {
    expect(specError((s) => delete s.monitoring.prometheus.retentionTime)).toBe('environment "homelab": monitoring.prometheus.retentionTime: expected a value (string), got nothing');
  });

  test('a job on a host the environment does not have', () => {
    expect(specError((s) => (s.runtime.docker.placements.node.on = ['alienware', 'mac']))).toBe('environment "homelab": runtime.docker.placements.node.on[1]: expected one of "alienware", "pc", got "mac"');
  });

  test('a route to a receiver that does not exist', () => {
    expect(specError((s) => (s.monitoring.alertmanager.route.routes[0].receiver = 'opsgenie'))).toBe(
      'environment "homelab": monitoring.alertmanager.route.routes[0].receiver: expected one of "ops-team", "pagerduty", got "opsgenie"',
    );
  });

  test('a secret written as a value instead of a variable name', () => {
    expect(specError((s) => (s.monitoring.alertmanager.receivers[0].slack[0].apiUrlSecret = 'https://hooks.slack.com/services/X'))).toBe(
      'environment "homelab": monitoring.alertmanager.receivers[0].slack[0].apiUrlSecret: expected the snake_case name of a sensitive variable, such as "slack_webhook_url" (set it as TF_VAR_slack_webhook_url), got "https://hooks.slack.com/services/X"',
    );
  });

  test('a mute interval that is not defined', () => {
    expect(specError((s) => (s.monitoring.alertmanager.route.routes[2].muteTimeIntervals = ['holidays']))).toBe(
      'environment "homelab": monitoring.alertmanager.route.routes[2].muteTimeIntervals[0]: expected one of "weekly-maintenance", got "holidays"',
    );
  });

  test('a port out of range', () => {
    expect(specError((s) => (s.monitoring.jobs[2].targets[0].port = 70000))).toBe('environment "homelab": monitoring.jobs[2].targets[0].port: expected a port number from 1 to 65535, got 70000');
  });

  test('a record rule missing its expr is reported as a recording rule', () => {
    expect(specError((s) => (s.monitoring.ruleGroups[0].rules[0] = { record: 'job:x:sum' }))).toBe('environment "homelab": monitoring.ruleGroups[0].rules[0].expr: expected a PromQL expression, got nothing');
  });

  test('a non-object spec', () => {
    expect(specError((s) => s, 'homelab')).toBe('environment "(unnamed environment)": (spec): expected a object, got "homelab"');
  });
});
