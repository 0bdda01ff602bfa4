import { describe, expect, it } from 'vitest';
import type { Experiment } from '../experiments/types.js';
import { UsageError } from '../util/errors.js';
import { checkAssignmentsApply, parseParamAssignment, resolveParams } from './param-overrides.js';

const experiment = {
  id: 'demo',
  title: 'Demo',
  description: 'demo',
  defaults: {
    full: {
      maxBytes: 1 << 20,
      runs: 7,
      ratio: 0.5,
      label: 'x',
      native: true,
      sizesBytes: [4096],
      names: ['a'],
    },
    quick: {
      maxBytes: 1 << 16,
      runs: 3,
      ratio: 0.25,
      label: 'q',
      native: false,
      sizesBytes: [1024],
      names: ['b'],
    },
  },
  run: async () => Promise.reject(new Error('not run')),
  explain: () => [],
  charts: () => [],
} as unknown as Experiment;

function resolve(...texts: string[]): Record<string, unknown> {
  return resolveParams(experiment, false, texts.map(parseParamAssignment)) as Record<string, unknown>;
}

describe('parameter overrides', () => {
  it('parse [id.]key=value', () => {
    expect(parseParamAssignment('demo.maxBytes=8M')).toEqual({
      experimentId: 'demo',
      key: 'maxBytes',
      text: '8M',
    });
    expect(parseParamAssignment('runs=')).toEqual({ experimentId: null, key: 'runs', text: '' });
    expect(() => parseParamAssignment('runs')).toThrow(UsageError);
    expect(() => parseParamAssignment('=3')).toThrow(UsageError);
  });

  it('take the type of the default: sizes, counts, numbers, booleans, strings and lists', () => {
    expect(
      resolve('maxBytes=8M', 'runs=9', 'ratio=0.75', 'label=hello, world', 'native=false'),
    ).toMatchObject({
      maxBytes: 8 << 20,
      runs: 9,
      ratio: 0.75,
      label: 'hello, world',
      native: false,
    });
    expect(resolve('sizesBytes=4K, 1M', 'names=x,y')).toMatchObject({
      sizesBytes: [4096, 1 << 20],
      names: ['x', 'y'],
    });
    expect(resolveParams(experiment, true, [])).toEqual(experiment.defaults.quick);
  });

  it('reject bad values with one clear line', () => {
    expect(() => resolve('maxBytes=12XB')).toThrow("not a size: '12XB'");
    expect(() => resolve('runs=-1')).toThrow("parameter 'runs' must be a non-negative integer, got '-1'");
    expect(() => resolve('runs=abc')).toThrow(UsageError);
    expect(() => resolve('ratio=-0.5')).toThrow(UsageError);
    expect(() => resolve('native=yes')).toThrow(/true or false/);
    expect(() => resolve('sizesBytes=4K,,8K')).toThrow(/comma-separated/);
    expect(() => resolve('demo.nope=1')).toThrow("experiment 'demo' has no parameter 'nope'");
  });

  it('must apply to an experiment being run', () => {
    expect(() => checkAssignmentsApply([experiment], [parseParamAssignment('nope=1')])).toThrow(
      "no experiment being run has a parameter 'nope'",
    );
    expect(() => checkAssignmentsApply([experiment], [parseParamAssignment('other.runs=1')])).toThrow(
      "--param names experiment 'other', which is not being run",
    );
    expect(() => checkAssignmentsApply([experiment], [parseParamAssignment('runs=1')])).not.toThrow();
  });
});
