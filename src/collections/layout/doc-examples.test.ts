/**
 * Runs the `@example` blocks of the coll-structs TSDoc comments: each line `expr; // => value`
 * becomes an assertion that `expr` deep-equals `value`. Examples are plain JavaScript over the
 * public exports of `softmem/collections` and `softmem/trace`.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import * as trace from '../../trace/index.js';
import * as collections from '../index.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const SOURCES = [
  'deque.ts',
  'deque-object.ts',
  'hashmap.ts',
  'hashset.ts',
  'slotmap.ts',
  'graph.ts',
  'tree.ts',
  'pool.ts',
  'layout/define-struct.ts',
  'layout/pahole.ts',
  'layout/c-declaration.ts',
  'layout/struct-array.ts',
  'layout/struct-of-arrays.ts',
];

const EXAMPLE = /@example\s*\n\s*\* ```ts\n([\s\S]*?)\n\s*\* ```/g;
const ASSERTION = /^(.*?);\s*\/\/ => (.+)$/;

function examplesOf(file: string): string[] {
  const text = readFileSync(path.join(here, '..', file), 'utf8');
  return [...text.matchAll(EXAMPLE)].map((m) => m[1]!.replace(/^\s*\* ?/gm, ''));
}

function toProgram(example: string): { body: string; assertions: number } {
  let assertions = 0;
  const lines = example.split('\n').map((line) => {
    const match = ASSERTION.exec(line);
    if (match === null) return line;
    assertions++;
    return `__check(${match[1]}, ${match[2]}, ${JSON.stringify(line.trim())});`;
  });
  return { body: lines.join('\n'), assertions };
}

const scope: Record<string, unknown> = { ...trace, ...collections };

describe('TSDoc examples', () => {
  for (const file of SOURCES) {
    const examples = examplesOf(file);
    it(`${file} has examples`, () => expect(examples.length).toBeGreaterThan(0));
    examples.forEach((example, k) => {
      it(`${file} example ${k + 1}`, () => {
        const { body, assertions } = toProgram(example);
        expect(assertions, 'an example should state at least one result').toBeGreaterThan(0);
        const check = (actual: unknown, expected: unknown, line: string) =>
          expect(actual, line).toEqual(expected);
        const run = new Function('__check', ...Object.keys(scope), body);
        run(check, ...Object.values(scope));
      });
    });
  }
});
