/**
 * Docs are code: runs every ```ts block inside an `@example` of the coll-arrays source files.
 * A line `expr; // => value` becomes an assertion that `expr` deep-equals `value`; other
 * lines run as written. Examples see the public exports of `./index.js` and `../trace`.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import * as trace from '../trace/index.js';
import * as collections from './index.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const OWNED = /^(vec|ndarray|transpose|permutation|jagged|sparse|tracing)[\w-]*\.ts$/;

interface Example {
  file: string;
  code: string;
}

function examplesOf(file: string): Example[] {
  const source = readFileSync(path.join(here, file), 'utf8');
  const examples: Example[] = [];
  for (const match of source.matchAll(
    /@example\s*\n((?:\s*\*.*\n)*?)\s*\*\s*```ts\n((?:\s*\*.*\n)*?)\s*\*\s*```/g,
  )) {
    const lines = match[2]!.split('\n').map((line) => line.replace(/^\s*\* ?/, ''));
    examples.push({ file, code: lines.join('\n') });
  }
  return examples;
}

/** Rewrites `expr; // => value` lines into `__expect(expr, value)`; the rest is left alone. */
function toScript(code: string): string {
  return code
    .split('\n')
    .map((line) => {
      const assertion = /^(.*?);\s*\/\/ => (.*)$/.exec(line);
      return assertion === null ? line : `__expect(${assertion[1]}, ${assertion[2]});`;
    })
    .join('\n');
}

const files = readdirSync(here).filter((file) => OWNED.test(file) && !file.endsWith('.test.ts'));
const examples = files.flatMap(examplesOf);

describe('TSDoc examples', () => {
  it('finds the examples (one per documented structure at least)', () => {
    expect(examples.length).toBeGreaterThanOrEqual(9);
  });

  for (const [n, example] of examples.entries()) {
    it(`${example.file} example ${n}`, () => {
      const scope: Record<string, unknown> = { ...trace, ...collections };
      const names = Object.keys(scope);
      let assertions = 0;
      const check = (actual: unknown, expected: unknown): void => {
        expect(actual).toEqual(expected);
        assertions++;
      };
      const run = new Function(...names, '__expect', toScript(example.code)) as (...args: unknown[]) => void;
      run(...names.map((name) => scope[name]), check);
      expect(assertions).toBeGreaterThan(0);
    });
  }
});
