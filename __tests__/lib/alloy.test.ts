import * as fc from 'fast-check';
import { alloyString, ref, renderAlloy } from '../../lib/alloy';

describe('Alloy configuration syntax', () => {
  test('a component with a label, attributes of every kind and nested blocks', () => {
    // GIVEN a loki.write component with a map attribute and an endpoint block
    // WHEN rendered THEN attributes come first, blocks after a blank line, two-space indents
    expect(
      renderAlloy([
        {
          name: 'loki.write',
          label: 'default',
          attributes: { external_labels: { host: 'pc' }, max_streams: 0, skipped: undefined },
          blocks: [{ name: 'endpoint', attributes: { url: 'http://192.168.68.58:3100/loki/api/v1/push', follow_redirects: false } }],
        },
      ]),
    ).toBe(
      [
        'loki.write "default" {',
        '  external_labels = {',
        '    "host" = "pc",',
        '  }',
        '  max_streams = 0',
        '',
        '  endpoint {',
        '    url = "http://192.168.68.58:3100/loki/api/v1/push"',
        '    follow_redirects = false',
        '  }',
        '}',
        '',
      ].join('\n'),
    );
  });

  test('lists of objects, references written bare, empty values, and components separated by a blank line', () => {
    expect(
      renderAlloy([
        { name: 'local.file_match', label: 'syslog', attributes: { path_targets: [{ __path__: '/var/log/syslog', job: 'syslog' }] } },
        { name: 'loki.source.file', label: 'syslog', attributes: { targets: ref('local.file_match.syslog.targets'), forward_to: [ref('loki.write.default.receiver')], labels: {}, extra: [] } },
        { name: 'discovery.relabel', label: 'none' },
      ]),
    ).toBe(
      [
        'local.file_match "syslog" {',
        '  path_targets = [',
        '    {',
        '      "__path__" = "/var/log/syslog",',
        '      "job" = "syslog",',
        '    },',
        '  ]',
        '}',
        '',
        'loki.source.file "syslog" {',
        '  targets = local.file_match.syslog.targets',
        '  forward_to = [',
        '    loki.write.default.receiver,',
        '  ]',
        '  labels = {}',
        '  extra = []',
        '}',
        '',
        'discovery.relabel "none" {}',
        '',
      ].join('\n'),
    );
  });

  test('a regular expression keeps every backslash and quote, escaped once', () => {
    // GIVEN an RE2 expression with \b, \s and quotes WHEN written as an Alloy string
    // THEN each backslash is doubled and each quote escaped, so Alloy reads back the expression
    expect(alloyString('(?i)\\blevel"?\\s*[=:]')).toBe('"(?i)\\\\blevel\\"?\\\\s*[=:]"');
  });

  test('any string reads back to itself (Alloy string escapes are a subset of JSON\'s)', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (text) => JSON.parse(alloyString(text)) === text),
      { numRuns: 300, seed: 12 },
    );
  });

  test.each([
    [() => ref('loki'), 'Alloy reference: expected a dotted path of identifiers such as "loki.write.default.receiver", got "loki"'],
    [() => ref('loki.write.default.receiver]'), 'Alloy reference: expected a dotted path of identifiers such as "loki.write.default.receiver", got "loki.write.default.receiver]"'],
    [() => renderAlloy([{ name: 'loki.write', label: 'my-label' }]), 'Alloy block loki.write: expected a label of letters, digits and underscores, got "my-label"'],
    [() => renderAlloy([{ name: 'loki write' }]), 'Alloy block: expected a name such as "loki.source.file" or "rule", got "loki write"'],
    [() => renderAlloy([{ name: 'rule', attributes: { 'target label': 'x' } }]), 'Alloy block rule: expected an attribute name of letters, digits and underscores, got "target label"'],
    [() => renderAlloy([{ name: 'x', attributes: { n: Number.NaN } }]), 'Alloy value: expected a finite number, got NaN'],
  ])('what Alloy could not read is refused: %#', (render, message) => {
    expect(render).toThrow(message);
  });
});
