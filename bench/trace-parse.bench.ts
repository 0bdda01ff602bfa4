/**
 * Trace parsing speed: softmem's hand-written lackey parser against a naive
 * `split`/`parseInt` reader, plus the streaming path (1 MiB pieces joined across record
 * boundaries) and the binary format. Target (issue 3): ≥ 10 M lackey lines/s.
 */
import { createParser, DEFAULT_CHUNK_LENGTH, encodeTrace, TraceStreamParser } from '../src/cache/index.js';
import { AccessKind, TraceBuffer } from '../src/trace/index.js';
import { Random } from '../src/util/index.js';
import { type BenchSection, compare, table } from './lib.js';

const LINES = 200_000;
/** The reader's piece size (read.ts READ_BYTES) against a smaller one. */
const PIECE_BYTES = 1 << 20;
const SMALL_PIECE_BYTES = 1 << 16;
/** A smaller chunk than DEFAULT_CHUNK_LENGTH, to show what the chunk length costs. */
const SMALL_CHUNK_LENGTH = 1 << 12;

/** A lackey-like trace: instruction fetches walking code, loads/stores on a stack and a heap. */
function syntheticTrace(): TraceBuffer {
  const random = new Random(42);
  const trace = new TraceBuffer(LINES);
  let pc = 0x401000;
  while (trace.length < LINES) {
    const instructionBytes = 1 + random.below(7);
    trace.access(pc, instructionBytes, AccessKind.Fetch);
    pc += instructionBytes;
    if (random.below(64) === 0) pc = 0x401000 + random.below(1 << 16);
    const r = random.below(10);
    if (trace.length < LINES && r < 3) trace.access(0x1ffefff000 + random.below(4096), 8, AccessKind.Load);
    else if (trace.length < LINES && r < 5)
      trace.access(0x4c2000 + random.below(1 << 20), 4, AccessKind.Store);
    else if (trace.length < LINES && r < 6)
      trace.access(0x1ffefff000 + random.below(4096), 8, AccessKind.Modify);
  }
  return trace;
}

const KIND_BY_LETTER: Record<string, number> = { L: 0, S: 1, M: 2 };

/** The obvious reader: decode, split lines, split fields, parseInt. */
function parseNaively(bytes: Uint8Array, out: TraceBuffer): number {
  const lines = new TextDecoder().decode(bytes).split('\n');
  out.clear();
  for (const line of lines) {
    if (line.length === 0 || line.startsWith('==')) continue;
    const kind = line[0] === 'I' ? 3 : (KIND_BY_LETTER[line[1] ?? ''] ?? -1);
    const [address, size] = line.slice(3).split(',');
    out.access(Number.parseInt(address ?? '', 16), Number.parseInt(size ?? '', 10), kind as AccessKind);
  }
  return out.length;
}

export default async function (): Promise<BenchSection> {
  const trace = syntheticTrace().toChunk();
  const lackey = encodeTrace(trace, 'lackey');
  const binary = encodeTrace(trace, 'bin');
  const split = (bytes: number) => {
    const result: Uint8Array[] = [];
    for (let at = 0; at < lackey.length; at += bytes) result.push(lackey.subarray(at, at + bytes));
    return result;
  };
  const pieces = split(PIECE_BYTES);
  const smallPieces = split(SMALL_PIECE_BYTES);
  const streamed = (input: readonly Uint8Array[], chunkLength: number) => () => {
    const stream = new TraceStreamParser(createParser('lackey', 'bench'), chunkLength);
    for (const piece of input) for (const chunk of stream.push(piece)) sink += chunk.length;
    for (const chunk of stream.end()) sink += chunk.length;
    return sink;
  };
  const out = new TraceBuffer(LINES);
  let sink = 0;

  const rows = await compare(
    [
      {
        name: 'naive: TextDecoder + split + parseInt',
        opsPerCall: LINES,
        fn: () => parseNaively(lackey, out),
      },
      {
        name: 'softmem LackeyParser (bytes in memory)',
        opsPerCall: LINES,
        fn: () => {
          out.clear();
          createParser('lackey', 'bench').parse(lackey, 0, lackey.length, true, out);
          return out.length;
        },
      },
      {
        name: 'softmem TraceStreamParser (1 MiB pieces, 64 Ki-access chunks)',
        opsPerCall: LINES,
        fn: streamed(pieces, DEFAULT_CHUNK_LENGTH),
      },
      {
        name: 'softmem TraceStreamParser (64 KiB pieces, 64 Ki-access chunks)',
        opsPerCall: LINES,
        fn: streamed(smallPieces, DEFAULT_CHUNK_LENGTH),
      },
      {
        name: 'softmem TraceStreamParser (1 MiB pieces, 4 Ki-access chunks)',
        opsPerCall: LINES,
        fn: streamed(pieces, SMALL_CHUNK_LENGTH),
      },
      {
        name: 'softmem BinaryParser (same accesses, .smt)',
        opsPerCall: LINES,
        fn: () => {
          out.clear();
          createParser('bin', 'bench').parse(binary, 0, binary.length, true, out);
          return out.length;
        },
      },
    ],
    { rounds: 3, minCpuTimeNs: 100e6 },
  );
  const linesPerSecond = (row: (typeof rows)[number]) => 1e3 / row.medianNsPerOp; // millions
  const naive = rows[0]!;
  const fast = rows[1]!;
  const streamedRow = rows[2]!;
  const verdict = (value: number) => (value >= 10 ? 'met' : 'NOT met');
  const body = [
    `${LINES.toLocaleString('en')} lackey lines (${(lackey.length / LINES).toFixed(1)} bytes/line; binary ${(binary.length / LINES).toFixed(1)} bytes/access), parsed into typed-array columns.`,
    '',
    table(rows, 0, 'ns/line'),
    '',
    `- Target ≥ 10 M lackey lines/s: in memory **${linesPerSecond(fast).toFixed(1)} M/s** (${verdict(linesPerSecond(fast))}), streamed **${linesPerSecond(streamedRow).toFixed(1)} M/s** (${verdict(linesPerSecond(streamedRow))}).`,
    `- Piece size (read.ts READ_BYTES) and chunk length (DEFAULT_CHUNK_LENGTH): 64 KiB pieces ${(rows[3]!.medianNsPerOp / streamedRow.medianNsPerOp).toFixed(2)}×, 4 Ki-access chunks ${(rows[4]!.medianNsPerOp / streamedRow.medianNsPerOp).toFixed(2)}× the time of 1 MiB / 64 Ki.`,
    `- Against the naive reader in the same run: ${(naive.medianNsPerOp / fast.medianNsPerOp).toFixed(1)}× faster (naive: ${linesPerSecond(naive).toFixed(1)} M lines/s).`,
  ].join('\n');
  return { id: 'trace-parse', title: 'Trace parsing (lackey, binary)', body };
}
