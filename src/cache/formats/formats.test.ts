import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { AccessKind, TraceBuffer, type TraceChunk } from '../../trace/index.js';
import { UsageError } from '../../util/index.js';
import {
  appendChunk,
  BinaryParser,
  convertTrace,
  createParser,
  encodeTrace,
  formatFromContent,
  formatFromFileName,
  parseLackeyLineSlowly,
  parseTraceBytes,
  parseTraceStream,
  readTrace,
  TRACE_FORMATS,
  type TraceFormat,
  writeTrace,
} from './index.js';

interface Access {
  address: number;
  size: number;
  kind: AccessKind;
}

const accessArbitrary = fc.record({
  address: fc.oneof(
    fc.integer({ min: 0, max: 0xffff }),
    fc.integer({ min: 0x400000, max: 0x500000 }),
    fc.integer({ min: 0, max: Number.MAX_SAFE_INTEGER }),
  ),
  size: fc.oneof(fc.integer({ min: 1, max: 64 }), fc.integer({ min: 1, max: 0xffffffff })),
  kind: fc.constantFrom(AccessKind.Load, AccessKind.Store, AccessKind.Modify, AccessKind.Fetch),
});

function toChunk(accesses: readonly Access[]): TraceChunk {
  const buffer = new TraceBuffer(1);
  for (const a of accesses) buffer.access(a.address, a.size, a.kind);
  return buffer.toChunk();
}

function toAccesses(chunk: TraceChunk): Access[] {
  const result: Access[] = [];
  for (let i = 0; i < chunk.length; i++) {
    result.push({ address: chunk.addresses[i]!, size: chunk.sizes[i]!, kind: chunk.kinds[i] as AccessKind });
  }
  return result;
}

/** The model of what a format keeps: din formats split a modify; traditional din keeps words only. */
function throughFormat(format: TraceFormat, accesses: readonly Access[]): Access[] {
  if (format === 'lackey' || format === 'bin') return [...accesses];
  const split = accesses.flatMap((a) =>
    a.kind === AccessKind.Modify
      ? [
          { ...a, kind: AccessKind.Load },
          { ...a, kind: AccessKind.Store },
        ]
      : [a],
  );
  if (format === 'xdin') return split;
  return split.map((a) => ({ kind: a.kind, address: a.address - (a.address % 4), size: 4 }));
}

const encoder = new TextEncoder();
const bytesOf = (text: string) => encoder.encode(text);

describe('trace formats: round trips', () => {
  for (const from of TRACE_FORMATS) {
    for (const to of TRACE_FORMATS) {
      it(`${from} → ${to} keeps what both formats can hold`, () => {
        fc.assert(
          fc.property(fc.array(accessArbitrary, { maxLength: 200 }), (accesses) => {
            const first = parseTraceBytes(encodeTrace(toChunk(accesses), from), from);
            const second = parseTraceBytes(encodeTrace(first, to), to);
            expect(toAccesses(second)).toEqual(throughFormat(to, throughFormat(from, accesses)));
          }),
          { numRuns: 40 },
        );
      });
    }
  }
});

describe('lackey', () => {
  const real = [
    '==7418== Lackey, an example Valgrind tool',
    '==7418== Command: ./seq',
    'SB 004014f0',
    '==7418== ',
    'I  004014f0,2',
    ' L 1fff0006a0,8',
    ' S 1fff000698,8',
    ' M 0804a01c,4',
    'I  1fffffffff6000,512',
    '==7418== Exit code:       0',
    '',
  ].join('\n');

  it('reads valgrind output, skipping its own lines', () => {
    expect(toAccesses(parseTraceBytes(bytesOf(real), 'lackey'))).toEqual([
      { kind: AccessKind.Fetch, address: 0x4014f0, size: 2 },
      { kind: AccessKind.Load, address: 0x1fff0006a0, size: 8 },
      { kind: AccessKind.Store, address: 0x1fff000698, size: 8 },
      { kind: AccessKind.Modify, address: 0x0804a01c, size: 4 },
      { kind: AccessKind.Fetch, address: 0x1fffffffff6000, size: 512 },
    ]);
  });

  it('writes exactly what valgrind writes (%08lx addresses)', () => {
    const accessLines = real.split('\n').filter((line) => !/^(==|SB )/.test(line) && line !== '');
    const chunk = parseTraceBytes(bytesOf(real), 'lackey');
    expect(new TextDecoder().decode(encodeTrace(chunk, 'lackey'))).toBe(`${accessLines.join('\n')}\n`);
  });

  it('accepts CRLF and a last line without a line end', () => {
    const chunk = parseTraceBytes(bytesOf('I  10,4\r\n S 20,8'), 'lackey');
    expect(toAccesses(chunk)).toEqual([
      { kind: AccessKind.Fetch, address: 0x10, size: 4 },
      { kind: AccessKind.Store, address: 0x20, size: 8 },
    ]);
  });

  it('names file, line and text of a malformed line', () => {
    const lines = Array.from({ length: 16 }, (_, i) => `I  ${(0x400000 + i).toString(16)},1`);
    const text = `${lines.join('\n')}\n X 12,4\n`;
    expect(() => parseTraceBytes(bytesOf(text), 'lackey', 'trace.lackey')).toThrow(
      new UsageError("trace.lackey:17: cannot parse ' X 12,4'"),
    );
  });

  for (const bad of [
    'I 10,4',
    'I  10;4',
    'I  ,4',
    'I  10,',
    'I  10,0',
    'I  zz,4',
    ' L 10,4x',
    `I  1${'0'.repeat(16)},4`,
    'I  ffffffffff600000,4',
    'I  10,4294967296',
  ]) {
    it(`rejects ${JSON.stringify(bad)}`, () => {
      expect(() => parseTraceBytes(bytesOf(`I  10,4\n${bad}\n`), 'lackey', 't')).toThrow(
        /^t:2: cannot parse/,
      );
    });
  }

  it('fast parser agrees with the obviously-correct line reader on generated lines', () => {
    const lineArbitrary = fc.oneof(
      fc
        .tuple(
          fc.constantFrom('I  ', ' L ', ' S ', ' M ', ' X ', 'I ', '  L '),
          fc.stringMatching(/^[0-9a-fA-Fg]{0,18}$/),
          fc.constantFrom(',', ';', ''),
          fc.stringMatching(/^[0-9a]{0,12}$/),
          fc.constantFrom('', '\r', ' '),
        )
        .map((parts) => parts.join('')),
      fc.string({ maxLength: 20 }).filter((s) => !s.includes('\n')),
    );
    fc.assert(
      fc.property(lineArbitrary, (line) => {
        const bytes = bytesOf(`${line}\n`);
        const expected = parseLackeyLineSlowly(bytes, 0, bytes.length - 1);
        let actual: Access[] | 'error';
        try {
          actual = toAccesses(parseTraceBytes(bytes, 'lackey'));
        } catch (error) {
          expect(error).toBeInstanceOf(UsageError);
          actual = 'error';
        }
        if (expected === undefined) expect(actual).toBe('error');
        else expect(actual).toEqual(expected === null ? [] : [expected]);
      }),
      { numRuns: 500 },
    );
  });
});

describe('din and extended din (as DineroIV reads them)', () => {
  it('traditional din: hex label and address, 0x prefixes, comments, word alignment, control records skipped', () => {
    const text = '0 1000\n1 0x1007 this is a comment\n2\t400000\n3 20\n4 30\n5 40\n  0X0 ff\n';
    expect(toAccesses(parseTraceBytes(bytesOf(text), 'din'))).toEqual([
      { kind: AccessKind.Load, address: 0x1000, size: 4 },
      { kind: AccessKind.Store, address: 0x1004, size: 4 },
      { kind: AccessKind.Fetch, address: 0x400000, size: 4 },
      { kind: AccessKind.Load, address: 0x20, size: 4 },
      { kind: AccessKind.Load, address: 0xfc, size: 4 },
    ]);
  });

  it('extended din: type letters, hex sizes', () => {
    const text = 'r 1000 8\nW 0x2000 0x10 comment\ni 400000 4\nm 30 1\nc 40 40\nv 50 40\n';
    expect(toAccesses(parseTraceBytes(bytesOf(text), 'xdin'))).toEqual([
      { kind: AccessKind.Load, address: 0x1000, size: 8 },
      { kind: AccessKind.Store, address: 0x2000, size: 16 },
      { kind: AccessKind.Fetch, address: 0x400000, size: 4 },
      { kind: AccessKind.Load, address: 0x30, size: 1 },
    ]);
  });

  for (const [format, bad] of [
    ['din', '7 1000'],
    ['din', '0'],
    ['din', '0 10g0'],
    ['din', ''],
    ['xdin', 'x 1000 4'],
    ['xdin', 'r 1000'],
    ['xdin', 'r 1000 0'],
    ['xdin', 'rw 1000 4'],
  ] as const) {
    it(`${format} rejects ${JSON.stringify(bad)} naming the line`, () => {
      const good = format === 'din' ? '0 10' : 'r 10 4';
      expect(() => parseTraceBytes(bytesOf(`${good}\n${bad}\n`), format, 'f')).toThrow(
        `f:2: cannot parse '${bad}'`,
      );
    });
  }
});

describe('binary format', () => {
  it('starts with the documented header', () => {
    const bytes = encodeTrace(toChunk([]), 'bin');
    expect(Array.from(bytes)).toEqual([
      0x89, 0x53, 0x4d, 0x54, 0x0d, 0x0a, 0x1a, 0x0a, 1, 0, 0, 0, 0, 0, 0, 0,
    ]);
  });

  it('encodes a fetch 1 byte after the previous fetch as 2 bytes', () => {
    const bytes = encodeTrace(
      toChunk([
        { kind: AccessKind.Fetch, address: 0x400000, size: 4 },
        { kind: AccessKind.Load, address: 0x7ff000, size: 8 },
        { kind: AccessKind.Fetch, address: 0x400004, size: 4 },
      ]),
      'bin',
    );
    // tag = kind 3 | size 4 << 3 = 0x23, delta 4.
    expect(Array.from(bytes.subarray(bytes.length - 2))).toEqual([0x23, 4]);
  });

  it('refuses a bad magic, a newer version, a truncated record', () => {
    expect(() => parseTraceBytes(bytesOf('I  10,4\nI  10,4\nI  10,4\n'), 'bin', 'x.smt')).toThrow(
      'x.smt: not a softmem binary trace (bad magic bytes)',
    );
    const good = encodeTrace(toChunk([{ kind: AccessKind.Load, address: 2 ** 40, size: 100 }]), 'bin');
    const newer = good.slice();
    newer[8] = 2;
    expect(() => parseTraceBytes(newer, 'bin', 'x.smt')).toThrow('version 2 is not supported');
    expect(() => parseTraceBytes(good.subarray(0, good.length - 1), 'bin', 'x.smt')).toThrow(
      'x.smt: byte 16: corrupt binary trace (truncated record)',
    );
    expect(() => parseTraceBytes(good.subarray(0, 10), 'bin', 'x.smt')).toThrow(
      'shorter than its 16-byte header',
    );
  });

  it('refuses an address below zero', () => {
    const bytes = encodeTrace(toChunk([]), 'bin');
    const withRecord = new Uint8Array([...bytes, 0b100 | (4 << 3), 5]);
    expect(() => parseTraceBytes(withRecord, 'bin')).toThrow('address out of range');
  });
});

describe('streaming: records split across read pieces and output chunks', () => {
  for (const format of TRACE_FORMATS) {
    it(`${format}: any split of the bytes and any chunk length give the same accesses`, async () => {
      await fc.assert(
        fc.asyncProperty(
          fc.array(accessArbitrary, { maxLength: 60 }),
          fc.array(fc.integer({ min: 0, max: 4000 }), { maxLength: 8 }),
          fc.integer({ min: 1, max: 17 }),
          async (accesses, cuts, chunkLength) => {
            const bytes = encodeTrace(toChunk(accesses), format);
            const positions = [...new Set(cuts.map((c) => c % (bytes.length + 1)))].sort((a, b) => a - b);
            const pieces: Uint8Array[] = [];
            let previous = 0;
            for (const position of [...positions, bytes.length]) {
              pieces.push(bytes.slice(previous, position));
              previous = position;
            }
            const seen = new TraceBuffer();
            for await (const chunk of parseTraceStream(pieces, createParser(format, 't'), chunkLength)) {
              expect(chunk.length).toBeLessThanOrEqual(chunkLength);
              appendChunk(seen, chunk);
            }
            expect(toAccesses(seen.toChunk())).toEqual(throughFormat(format, accesses));
          },
        ),
        { numRuns: 60 },
      );
    });
  }

  it('joins records longer than the join window (a din line with a 10 000-byte comment)', async () => {
    const text = `0 10\n1 20 ${'x'.repeat(10_000)}\n2 30\n`;
    const bytes = bytesOf(text);
    for (const cuts of [[3], [7, 5000], [6000], [10, 20, 30, 9000, 10_010]]) {
      const pieces: Uint8Array[] = [];
      let previous = 0;
      for (const position of [...cuts, bytes.length]) {
        pieces.push(bytes.slice(previous, position));
        previous = position;
      }
      const seen = new TraceBuffer();
      for await (const chunk of parseTraceStream(pieces, createParser('din', 't'), 2))
        appendChunk(seen, chunk);
      expect(Array.from(seen.toChunk().addresses)).toEqual([0x10, 0x20, 0x30]);
    }
  });

  it('binary offsets in errors count from the start of the file across pieces', async () => {
    const bytes = encodeTrace(toChunk([{ kind: AccessKind.Load, address: 1, size: 4 }]), 'bin');
    const broken = new Uint8Array([...bytes, 0x80 | (4 << 3)]);
    const run = async () => {
      for await (const _ of parseTraceStream(
        [broken.slice(0, 17), broken.slice(17)],
        new BinaryParser('b'),
      )) {
        // drain
      }
    };
    await expect(run()).rejects.toThrow('b: byte 18: corrupt binary trace (truncated record)');
  });
});

describe('files', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'softmem-formats-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const sample = toChunk([
    { kind: AccessKind.Fetch, address: 0x401000, size: 3 },
    { kind: AccessKind.Load, address: 0x7ffc0010, size: 8 },
    { kind: AccessKind.Modify, address: 0x7ffc0010, size: 8 },
  ]);

  it('converts lackey → bin → xdin through files, formats from the extensions', async () => {
    const lackeyPath = path.join(dir, 'a.lackey');
    writeFileSync(lackeyPath, encodeTrace(sample, 'lackey'));
    expect(await convertTrace(lackeyPath, path.join(dir, 'a.smt'))).toBe(3);
    expect(await convertTrace(path.join(dir, 'a.smt'), path.join(dir, 'a.xdin'))).toBe(3);
    expect(readFileSync(path.join(dir, 'a.xdin'), 'utf8')).toBe(
      'i 401000 3\nr 7ffc0010 8\nr 7ffc0010 8\nw 7ffc0010 8\n',
    );
  });

  it('a failed conversion leaves neither the output nor a temporary file', async () => {
    const badPath = path.join(dir, 'bad.lackey');
    writeFileSync(badPath, 'I  10,4\nnonsense\n');
    const before = readdirSync(dir);
    await expect(convertTrace(badPath, path.join(dir, 'out.din'))).rejects.toThrow(
      `${badPath}:2: cannot parse 'nonsense'`,
    );
    expect(existsSync(path.join(dir, 'out.din'))).toBe(false);
    expect(readdirSync(dir)).toEqual(before);
  });

  it('writeTrace leaves nothing when its source fails midway', async () => {
    async function* failing() {
      yield sample;
      throw new Error('source broke');
    }
    await expect(writeTrace(path.join(dir, 'half.smt'), 'bin', failing())).rejects.toThrow('source broke');
    expect(readdirSync(dir).filter((f) => f.includes('half'))).toEqual([]);
  });

  it('reads a trace larger than one read piece and than one chunk', async () => {
    const big = new TraceBuffer();
    for (let i = 0; i < 150_000; i++) big.access(0x400000 + i * 3, 3, AccessKind.Fetch);
    const bigPath = path.join(dir, 'big.lackey');
    writeFileSync(bigPath, encodeTrace(big, 'lackey'));
    let total = 0;
    let last = -1;
    for await (const chunk of readTrace(bigPath)) {
      total += chunk.length;
      last = chunk.addresses[chunk.length - 1]!;
    }
    expect(total).toBe(150_000);
    expect(last).toBe(0x400000 + 149_999 * 3);
  });

  it('a missing file or an unknown format is one clear UsageError', async () => {
    const drain = async (p: string) => {
      for await (const _ of readTrace(p)) {
        // drain
      }
    };
    await expect(drain(path.join(dir, 'nope.lackey'))).rejects.toThrow(
      /cannot read trace '.*nope.lackey': no such file/,
    );
    const odd = path.join(dir, 'odd.txt');
    writeFileSync(odd, '%%%\n');
    await expect(drain(odd)).rejects.toThrow(/cannot tell the format of .*odd.txt: pass --format/);
  });

  it('reads stdin when the path is -', async () => {
    const seen: number[] = [];
    for await (const chunk of readTrace('-', { stdin: [bytesOf('0 10\n1 20\n')] })) {
      seen.push(...chunk.addresses.subarray(0, chunk.length));
    }
    expect(seen).toEqual([0x10, 0x20]);
  });
});

describe('format detection', () => {
  it('from the extension', () => {
    expect(formatFromFileName('x/trace.lackey')).toBe('lackey');
    expect(formatFromFileName('a.DIN')).toBe('din');
    expect(formatFromFileName('a.xdin')).toBe('xdin');
    expect(formatFromFileName('a.smt')).toBe('bin');
    expect(formatFromFileName('a.b/trace')).toBeUndefined();
  });

  it('from the content', () => {
    expect(formatFromContent(bytesOf('==123== Lackey'))).toBe('lackey');
    expect(formatFromContent(bytesOf('I  0400,3\n'))).toBe('lackey');
    expect(formatFromContent(bytesOf(' L 0400,3\n'))).toBe('lackey');
    expect(formatFromContent(bytesOf('SB 0400\n'))).toBe('lackey');
    expect(formatFromContent(bytesOf('2 400000\n'))).toBe('din');
    expect(formatFromContent(bytesOf('r 400000 4\n'))).toBe('xdin');
    expect(formatFromContent(encodeTrace(toChunk([]), 'bin'))).toBe('bin');
    expect(formatFromContent(bytesOf('hello'))).toBeUndefined();
  });
});
