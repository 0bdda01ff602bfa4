import { describe, expect, it } from 'vitest';
import { EXAMPLES, runExample } from '../../src/sandbox/index.js';
import { pointersTour } from './pointers-tour.js';

describe("every C snippet of the seed's pointer and stack sections", () => {
  it.each(EXAMPLES.map((example) => [example.name, example] as const))(
    '%s is detected as expected',
    (_name, example) => {
      const outcome = runExample(example);
      expect(outcome.error?.kind ?? 'none').toBe(example.expected);
      expect(outcome.matched).toBe(true);
      if (outcome.error !== null)
        expect(outcome.error.message).toContain(`SUMMARY: SandboxSanitizer: ${example.expected}`);
    },
  );

  it('covers every error kind the issue names', () => {
    const kinds = new Set(EXAMPLES.map((example) => example.expected));
    for (const kind of [
      'heap-buffer-overflow',
      'heap-use-after-free',
      'double-free',
      'bad-free',
      'stack-buffer-overflow',
      'stack-use-after-return',
      'stack-overflow',
      'null-dereference',
      'uninitialized-read',
      'memory-leak',
    ] as const) {
      expect(kinds, kind).toContain(kind);
    }
  });

  it("out-of-bounds reproduces the seed's integer_array[42]: 0 bytes after the 168-byte region", () => {
    const outcome = runExample(EXAMPLES.find((example) => example.name === 'out-of-bounds')!);
    expect(outcome.error?.message).toMatch(
      /is located 0 bytes after 168-byte region \[0x[0-9a-f]{8},0x[0-9a-f]{8}\)/,
    );
  });
});

describe('the pointers tour script', () => {
  it('logs each error and goes on', () => {
    const printed: string[] = [];
    expect(pointersTour((text) => printed.push(text))).toEqual([
      'heap-buffer-overflow',
      'bad-free',
      'heap-use-after-free',
      'double-free',
    ]);
    expect(printed.join('')).toContain('p + 1 = 0x');
  });
});
