import fc from 'fast-check';
import { compile } from 'vega-lite';
import { describe, expect, it } from 'vitest';
import { hierarchyFromMachine } from '../../cache/index.js';
import { StructArray } from '../../collections/index.js';
import type { MachineInfo } from '../../machine/types.js';
import { UsageError } from '../../util/errors.js';
import {
  checkStructLayoutParams,
  countLineCrossings,
  dataViewWrites,
  defaultStructCounts,
  layoutCells,
  PACKED_STRUCT,
  PADDED_STRUCT,
  STRUCT_LAYOUT_DEFAULTS,
  type StructLayoutSummary,
  simulateStructWrites,
  structLayoutExperiment,
  typedArrayWrites,
} from './index.js';

/** A machine small enough that the end-to-end run stays quick: 4 KiB L1, 16 KiB L2, 64 KiB L3. */
const tinyMachine: MachineInfo = {
  name: 'tiny',
  source: 'preset',
  cpuModel: 'test',
  cpus: 1,
  numaNodes: 1,
  pageBytes: 4096,
  transparentHugePages: null,
  caches: [
    { level: 1, type: 'data', sizeBytes: 4096, lineBytes: 64, ways: 4, sets: 16, sharedByCpus: [0] },
    { level: 2, type: 'unified', sizeBytes: 16384, lineBytes: 64, ways: 4, sets: 64, sharedByCpus: [0] },
    { level: 3, type: 'unified', sizeBytes: 65536, lineBytes: 64, ways: 16, sets: 64, sharedByCpus: [0] },
  ],
  notes: [],
};

/** The slow model: a write straddles when its first and last byte lie in different lines. */
function bruteForceStraddles(
  stride: number,
  offsets: [number, number][],
  count: number,
  base: number,
  line: number,
) {
  let straddling = 0;
  for (let i = 0; i < count; i++) {
    for (const [offset, size] of offsets) {
      const lines = new Set<number>();
      for (let b = 0; b < size; b++) lines.add(Math.floor((base + i * stride + offset + b) / line));
      if (lines.size > 1) straddling++;
    }
  }
  return straddling;
}

describe('struct layouts', () => {
  it('are the text’s 6-byte packed and 8-byte padded my_struct', () => {
    expect([PACKED_STRUCT.sizeOf, PACKED_STRUCT.offsetOf('second')]).toEqual([6, 2]);
    expect([PADDED_STRUCT.sizeOf, PADDED_STRUCT.offsetOf('second'), PADDED_STRUCT.paddingBytes]).toEqual([
      8, 4, 2,
    ]);
  });
});

describe('line crossings', () => {
  it('match the hand derivation: packed struct i straddles iff i ≡ 10 (mod 32), spans iff i ≡ 10 or 21', () => {
    // second of struct i occupies [6i + 2, 6i + 6): it crosses 64k iff 6i + 2 ≡ 62 (mod 64), i.e. i ≡ 10 (mod 32).
    // The struct [6i, 6i + 6) also spans when 6i ≡ 62 (mod 64), i ≡ 21: the boundary falls between its fields.
    const expectations: [number, number, number][] = [
      [10, 0, 0],
      [11, 1, 1],
      [21, 1, 1],
      [22, 1, 2],
      [32, 1, 2],
      [43, 2, 3],
      [1024, 32, 64],
    ];
    for (const [count, straddling, spanning] of expectations) {
      expect(countLineCrossings(PACKED_STRUCT, count, 0, 64)).toEqual({
        accesses: 2 * count,
        straddlingAccesses: straddling,
        spanningStructs: spanning,
      });
    }
    expect(countLineCrossings(PADDED_STRUCT, 1024, 0x10000, 64)).toEqual({
      accesses: 2048,
      straddlingAccesses: 0,
      spanningStructs: 0,
    });
  });

  it('agree with a byte-by-byte model for any base, count and line size', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 4096 }),
        fc.integer({ min: 0, max: 300 }),
        fc.constantFrom(8, 16, 32, 64, 128),
        (base, count, line) => {
          for (const layout of [PACKED_STRUCT, PADDED_STRUCT]) {
            const offsets = layout.fields.map((f): [number, number] => [f.offset, f.sizeBytes]);
            expect(countLineCrossings(layout, count, base, line).straddlingAccesses).toBe(
              bruteForceStraddles(layout.sizeOf, offsets, count, base, line),
            );
          }
        },
      ),
      { numRuns: 100 },
    );
  });

  it('the simulator splits each straddling write into two L1d accesses and misses once per line', () => {
    const config = hierarchyFromMachine(tinyMachine);
    // Cold, 1024 structs: packed 6144 B = 96 lines, padded 8192 B = 128 lines.
    const packed = simulateStructWrites(config, PACKED_STRUCT, 1024, false);
    expect(packed.simulatedAccesses).toBe(2048);
    expect(packed.levels[0]).toMatchObject({ name: 'L1d', accesses: 2048 + 32, misses: 96 });
    const padded = simulateStructWrites(config, PADDED_STRUCT, 1024, false);
    expect(padded.levels[0]).toMatchObject({ name: 'L1d', accesses: 2048, misses: 128 });
    // Steady state, 256 padded structs (2 KiB) fit in the 4 KiB L1d: no misses.
    expect(simulateStructWrites(config, PADDED_STRUCT, 256, true).levels[0]!.misses).toBe(0);
  });

  it('the layout picture marks exactly the straddling fields and the padding', () => {
    const packed = layoutCells('packed', PACKED_STRUCT, 144, 64);
    expect(packed.filter((c) => c.straddles).map((c) => c.label)).toEqual(['[10].second bytes 62–65']);
    expect(packed.some((c) => c.part === 'padding')).toBe(false);
    expect(packed).toHaveLength(24 * 2);
    const padded = layoutCells('padded', PADDED_STRUCT, 144, 64);
    expect(padded.some((c) => c.straddles)).toBe(false);
    expect(padded.filter((c) => c.part === 'padding').map((c) => [c.startByte, c.endByte])[1]).toEqual([
      10, 12,
    ]);
    expect(padded).toHaveLength(18 * 3);
  });
});

describe('struct-layout kernels', () => {
  it('write first = last pass and second = i in both layouts, through DataView and typed arrays', () => {
    for (const layout of [PACKED_STRUCT, PADDED_STRUCT]) {
      const array = new StructArray(layout, 5);
      const sink = dataViewWrites(
        array.view,
        5,
        layout.sizeOf,
        layout.offsetOf('first'),
        layout.offsetOf('second'),
        3,
      );
      for (let i = 0; i < 5; i++) expect([array.get(i, 'first'), array.get(i, 'second')]).toEqual([2, i]);
      expect(sink).toBe(4 + 2);
    }
    const typed = new StructArray(PADDED_STRUCT, 5);
    const sink = typedArrayWrites(
      new Int16Array(typed.buffer),
      new Int32Array(typed.buffer),
      5,
      4,
      0,
      2,
      1,
      3,
    );
    for (let i = 0; i < 5; i++) expect([typed.get(i, 'first'), typed.get(i, 'second')]).toEqual([2, i]);
    expect(sink).toBe(6);
    // Padding bytes are never written.
    expect(new Uint16Array(typed.buffer).filter((_, k) => k % 4 === 1)).toEqual(new Uint16Array(5));
  });
});

describe('struct-layout params', () => {
  it('derive L1d-sized to beyond-L2 counts from the machine', () => {
    expect(defaultStructCounts(tinyMachine)).toEqual([256, 1024, 8192]);
  });

  it('rejects bad parameters with a UsageError naming them', () => {
    const good = STRUCT_LAYOUT_DEFAULTS.quick;
    expect(() => checkStructLayoutParams(good)).not.toThrow();
    expect(() => checkStructLayoutParams({ ...good, structCounts: [] })).toThrow(UsageError);
    expect(() => checkStructLayoutParams({ ...good, structCounts: [0] })).toThrow(/structCounts/);
    expect(() => checkStructLayoutParams({ ...good, samples: 0 })).toThrow(/samples/);
    expect(() => checkStructLayoutParams({ ...good, maxTimeMsPerPoint: -1 })).toThrow(/maxTimeMsPerPoint/);
  });
});

describe('struct-layout experiment, end to end on a tiny machine', () => {
  it('counts, simulates, times, explains and charts', async () => {
    const params = { structCounts: [256, 4096], samples: 2, maxTimeMsPerPoint: 20 };
    const result = await structLayoutExperiment.run(
      { machine: tinyMachine, quick: true, seed: 1, progress: () => {}, log: () => {} },
      params,
    );
    expect(result.points).toHaveLength(2 * 3);
    for (const point of result.points) {
      expect(point.measuredNs).toBeGreaterThan(0);
      expect(point.predictedNs).toBeGreaterThan(0);
      expect(['memory-bound', 'compute-bound']).toContain(point.verdict);
    }
    const summary = result.summary as unknown as StructLayoutSummary;
    expect(summary.packedStraddles).toBe(true);
    expect(summary.paddedNeverStraddles).toBe(true);
    // 256 packed structs: i ≡ 10 (mod 32) → 8 straddling writes, 8 extra L1d accesses.
    expect(summary.straddling[0]).toMatchObject({
      structs: 256,
      packedStraddlingAccesses: 8,
      paddedStraddlingAccesses: 0,
      packedL1dAccesses: 512 + 8,
      paddedL1dAccesses: 512,
      packedL1dMisses: 0,
      paddedL1dMisses: 0,
    });
    // 4096 structs overflow the 4 KiB L1d: every line misses again each pass (24 KiB packed, 32 KiB padded).
    expect(summary.straddling[1]).toMatchObject({ packedL1dMisses: 384, paddedL1dMisses: 512 });
    expect(summary.layouts.packed.pahole).toMatch(/__packed__/);
    expect(summary.layouts.padded.pahole).toMatch(/XXX 2 bytes hole/);
    const sentences = structLayoutExperiment.explain(result);
    expect(sentences.some((s) => /^256 structs .*: 8 of the 512 packed field writes straddle/.test(s))).toBe(
      true,
    );
    expect(sentences).toContain(
      "Packed, struct i starts at byte 6i, so struct 10's second field occupies bytes 62–65 and crosses the first line boundary; the pattern repeats every 32 structs (192 bytes): 1 straddling write(s) per 64. Padded, 8 divides 64, so no field ever crosses.",
    );
    const charts = structLayoutExperiment.charts(result);
    expect(charts).toHaveLength(3);
    for (const chart of charts) expect(() => compile(chart.vegaLite as never)).not.toThrow();
  });
});
