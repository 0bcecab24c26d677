import { llamaOrch } from '../../environments/llama-orch/spec';
import { lloom } from '../../environments/lloom/spec';
import { osmen } from '../../environments/osmen/spec';
import { specError } from '../support/spec';

/** Bad values in the spec fields the seeds' items added: one line naming the field, what was given and what is expected. */

describe('file cleanups', () => {
  test('on a host the environment does not have', () => {
    expect(specError((s) => (s.runtime.docker.fileCleanups[0].host = 'hive9'), llamaOrch)).toBe(
      'environment "llama-orch": runtime.docker.fileCleanups[0].host: expected one of "queen", "hive1", "hive2", "hive3", got "hive9"'
    );
  });

  test('deleting before compressing', () => {
    expect(specError((s) => (s.runtime.docker.fileCleanups[0].deleteAfterDays = 30), llamaOrch)).toBe(
      'environment "llama-orch": runtime.docker.fileCleanups[0].deleteAfterDays: expected more days than compressAfterDays (30): files are compressed first, deleted later, got 30'
    );
  });

  test('a time of day that is not one', () => {
    expect(specError((s) => (s.runtime.docker.fileCleanups[0].at.hour = 24), llamaOrch)).toBe(
      'environment "llama-orch": runtime.docker.fileCleanups[0].at.hour: expected an hour from 0 to 23, got 24'
    );
  });

  test('a folder with a wildcard', () => {
    expect(specError((s) => (s.runtime.docker.fileCleanups[0].directory = '/var/log/*/audit'), llamaOrch)).toBe(
      'environment "llama-orch": runtime.docker.fileCleanups[0].directory: expected an absolute folder path without wildcards, such as "/var/log/llama-orch/audit", got "/var/log/*/audit"'
    );
  });
});

describe('logs', () => {
  test('Loki told to accept lines up to a time that is not whole days', () => {
    expect(specError((s) => (s.monitoring.logs.acceptOldLinesUpTo = '36h'), llamaOrch)).toBe(
      'environment "llama-orch": monitoring.logs.acceptOldLinesUpTo: expected a whole number of days such as "7d" or "90d" (Loki deletes day-long index tables), got "36h"'
    );
  });

  test('a service field that is not a field name', () => {
    expect(specError((s) => (s.monitoring.logs.containers = { serviceFromField: 'service.name' }), osmen)).toBe(
      'environment "osmen": monitoring.logs.containers.serviceFromField: expected a field name such as "level" (letters, digits, "_"), got "service.name"'
    );
  });
});

describe('traces', () => {
  test('a collector published on a monitoring host without an IPv4 address', () => {
    expect(
      specError((s) => {
        s.monitoring.traces.publishCollector = { exposedBecause: 'lloom nodes on other machines send their spans to the collector' };
        delete s.runtime.docker.hosts.monitoring.address;
      }, lloom)
    ).toBe('environment "lloom": runtime.docker.hosts.monitoring.address: expected an IPv4 address: monitoring.traces.publishCollector publishes the trace collector there, got nothing');
  });

  test('a collector published without its reason', () => {
    expect(specError((s) => (s.monitoring.traces.publishCollector = { exposedBecause: 'nodes' }), lloom)).toBe(
      'environment "lloom": monitoring.traces.publishCollector.exposedBecause: expected the reason the collector is reachable from the LAN, got "nodes"'
    );
  });
});
