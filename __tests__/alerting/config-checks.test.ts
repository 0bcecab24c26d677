import * as fs from 'fs';
import * as path from 'path';
import { parse } from 'yaml';
import { toYaml } from '../../lib/yaml';
import { ENVIRONMENTS } from '../../environments';
import { removeTempDirs, tempDir } from '../support/files';
import { cleanupOutdirs, container, synthEnvironment, uploadedText } from '../support/synth';
import { runTool, writeConfigs } from './tools';

afterAll(() => {
  cleanupOutdirs();
  removeTempDirs();
});

/**
 * Service discovery Debian's Prometheus 3.5 is built without (the prom/prometheus image has
 * it; Kubernetes discovery is in both): promtool rejects the field as unknown, so it is left out
 * of the copy it checks, and the job that uses it is checked without its discovery block.
 */
const NOT_IN_DEBIAN_BUILD = ['consul_sd_configs'];

/** prometheus.yml without the discovery blocks Debian's promtool cannot read; and the jobs changed. */
function checkableCopy(file: string): { file: string; changed: string[] } {
  const config = parse(fs.readFileSync(file, 'utf8'));
  const changed: string[] = [];
  for (const job of config.scrape_configs) {
    for (const field of NOT_IN_DEBIAN_BUILD.filter((f) => f in job)) {
      delete job[field];
      changed.push(`${job.job_name}.${field}`);
    }
  }
  const copy = file.replace(/\.yml$/, '.checkable.yml');
  fs.writeFileSync(copy, toYaml(config));
  return { file: copy, changed };
}

describe.each(ENVIRONMENTS.map((spec) => [spec.name, spec] as const))('%s: the configs the containers receive pass the real tools', (env, spec) => {
  // GIVEN the environment synthesized, and its prometheus.yml, rule files and alertmanager.yml
  // written out as the containers receive them (rule_files and secret paths moved to a temp folder)
  const { stack, json } = synthEnvironment(spec);
  const written = writeConfigs(json, env);

  test('promtool check config: prometheus.yml is valid and loads every rule file', () => {
    // WHEN promtool checks prometheus.yml (less the Consul discovery Debian's build cannot read)
    const checkable = checkableCopy(written.prometheusYml);
    const { code, output } = runTool('promtool', ['check', 'config', checkable.file]);
    // THEN it is valid, and found one rule file per rule group (the spec's and the generated ones)
    expect({ code, output }).toEqual({ code: 0, output: expect.stringContaining(`SUCCESS: ${stack.ruleGroups.length} rule files found`) });
    expect(checkable.changed).toEqual(env === 'lloom' ? ['lloom-consul.consul_sd_configs'] : []);
  });

  test('promtool check rules: every rule file is valid', () => {
    const { code, output } = runTool('promtool', ['check', 'rules', ...written.ruleFiles]);
    const rules = stack.ruleGroups.reduce((n, g) => n + g.rules.length, 0);
    const found = [...output.matchAll(/SUCCESS: (\d+) rules found/g)].reduce((n, m) => n + Number(m[1]), 0);
    expect({ code, found }).toEqual({ code: 0, found: rules });
  });

  test('amtool check-config: alertmanager.yml is valid', () => {
    const { code, output } = runTool('amtool', ['check-config', written.alertmanagerYml]);
    expect({ code, output }).toEqual({ code: 0, output: expect.stringContaining('SUCCESS') });
  });

  test('alertmanager.yml as uploaded holds no Terraform expression: every secret is a file it names', () => {
    const text = uploadedText(container(json, `${env}-alertmanager`), '/etc/alertmanager/alertmanager.yml');
    expect(text).not.toContain('${');
    expect(text).toMatch(/_file: \/etc\/alertmanager\/secrets\//);
  });
});

describe('the checks can fail', () => {
  test('promtool check rules rejects a rule file with a broken expression', () => {
    // GIVEN a rule file whose expression does not parse
    const file = path.join(tempDir('broken-rules-'), 'broken.yml');
    fs.writeFileSync(file, 'groups:\n  - name: broken\n    rules:\n      - alert: Broken\n        expr: rate(x[5m] > 1\n');
    // WHEN promtool checks it THEN it fails
    expect(runTool('promtool', ['check', 'rules', file]).code).toBe(1);
  });

  test('amtool check-config rejects a route to a receiver that does not exist', () => {
    const file = path.join(tempDir('broken-am-'), 'alertmanager.yml');
    fs.writeFileSync(file, 'route:\n  receiver: nobody\nreceivers:\n  - name: team\n');
    expect(runTool('amtool', ['check-config', file]).code).toBe(1);
  });
});
