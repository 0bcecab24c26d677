import { ENVIRONMENTS } from '../../environments';
import { withHeartbeat } from '../../model/alertmanager';
import { alertmanagerConfigDocument } from '../../model/alertmanager-config';
import { WATCHDOG_ALERT } from '../../lib/generated-rules';
import { ruleFile, ruleFileName } from '../../model/rules';
import { toYaml } from '../../lib/yaml';
import { cleanupOutdirs, container, synthEveryEnvironment, uploadedText } from '../support/synth';

afterAll(cleanupOutdirs);

const built = synthEveryEnvironment();

/** Where the Docker runtime mounts Alertmanager's secrets, as its alertmanager.yml names them. */
const DOCKER_SECRETS = '/etc/alertmanager/secrets';

// The model renders the documents; a runtime only places them. The same content rendered with no
// construct at all must be, byte for byte, what the Docker stack uploads.
describe.each(ENVIRONMENTS.map((spec) => [spec.name, spec] as const))('%s: the model alone renders what the Docker stack uploads', (name, spec) => {
  test('each rule group of the spec, as its rule file', () => {
    // GIVEN the environment's rule groups WHEN rendered by the model alone
    const prometheus = container(built(name).json, `${name}-prometheus`);
    expect(spec.monitoring.ruleGroups.length).toBeGreaterThan(0);
    for (const group of spec.monitoring.ruleGroups) {
      // THEN each is the rule file Prometheus's container receives
      expect(uploadedText(prometheus, `/etc/prometheus/rules/${ruleFileName(group.name)}`)).toBe(toYaml(ruleFile([group])));
    }
  });

  test('the Alertmanager configuration, its secrets where the runtime says', () => {
    // GIVEN the spec's Alertmanager settings and the Docker runtime's answer to "where is this secret"
    const secrets = { file: (secret: string) => `${DOCKER_SECRETS}/${secret}` };
    // WHEN rendered by the model alone THEN it is the alertmanager.yml the container receives
    // (with the heartbeat route and receiver, which the model adds for the generated Watchdog)
    const expected = toYaml(alertmanagerConfigDocument(withHeartbeat(spec.monitoring.alertmanager, WATCHDOG_ALERT), secrets));
    expect(uploadedText(container(built(name).json, `${name}-alertmanager`), '/etc/alertmanager/alertmanager.yml')).toBe(expected);
  });
});
