import { describe, expect, it } from 'vitest';
import { machineToJson, reportToJson, stringifyJson } from './json.js';
import { sampleReport, TEST_MACHINE } from './sample-report.test-support.js';
import { SCHEMA } from './types.js';

describe('json', () => {
  it('describes a machine with the schema tag and exactly the contract fields', () => {
    const json = machineToJson(TEST_MACHINE);
    expect(Object.keys(json)).toEqual([
      'schema',
      'name',
      'source',
      'cpuModel',
      'caches',
      'cpus',
      'numaNodes',
      'pageBytes',
      'transparentHugePages',
      'notes',
    ]);
    expect(json.schema).toBe(SCHEMA);
    expect(Object.keys(json.caches[0]!)).toEqual([
      'level',
      'type',
      'sizeBytes',
      'lineBytes',
      'ways',
      'sets',
      'sharedByCpus',
      'instances',
    ]);
    expect(json.caches.map((cache) => cache.sizeBytes)).toEqual(
      TEST_MACHINE.caches.map((cache) => cache.sizeBytes),
    );
  });

  it('describes a run as { schema, machine, environment, experiments[{ id, title, params, points, summary }] }', () => {
    const report = sampleReport(['alpha', 'beta']);
    const json = JSON.parse(stringifyJson(reportToJson(report))) as Record<string, unknown>;
    expect(Object.keys(json)).toEqual(['schema', 'machine', 'environment', 'experiments']);
    expect(json.schema).toBe(SCHEMA);
    const experiments = json.experiments as Record<string, unknown>[];
    expect(experiments.map((experiment) => Object.keys(experiment))).toEqual([
      ['id', 'title', 'params', 'points', 'summary'],
      ['id', 'title', 'params', 'points', 'summary'],
    ]);
    expect(experiments[1]!.points).toEqual(report.experiments[1]!.result.points);
  });

  it('writes non-finite numbers as null and ends with a newline', () => {
    expect(stringifyJson({ x: Number.NaN, y: Infinity })).toBe('{\n  "x": null,\n  "y": null\n}\n');
  });
});
