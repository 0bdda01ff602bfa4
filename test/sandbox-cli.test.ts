import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { defineStruct } from '../src/collections/index.js';
import { EXAMPLES, f64, i32, Sandbox, type StructShape, struct } from '../src/sandbox/index.js';
import { cli } from './cli-helpers.js';

describe('softmem sandbox', () => {
  it('list names every example with its expected error', async () => {
    const run = await cli('sandbox', 'list');
    expect(run.code).toBe(0);
    const lines = run.stdout.trim().split('\n');
    expect(lines).toHaveLength(EXAMPLES.length);
    expect(run.stdout).toMatch(/^out-of-bounds\s+heap-buffer-overflow\s+/m);
    expect(run.stdout).toMatch(/^free-wrong-pointer\s+bad-free\s+/m);
  });

  it('run prints the C snippet, the sanitizer report and the address space', async () => {
    const run = await cli('sandbox', 'run', 'out-of-bounds');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('integer_array[42] = 42;');
    expect(run.stdout).toMatch(/WRITE of size 4 at 0x[0-9a-f]{8}/);
    expect(run.stdout).toContain('0 bytes after 168-byte region');
    expect(run.stdout).toContain('expected: heap-buffer-overflow, got: heap-buffer-overflow -> as expected');
    expect(run.stdout).toMatch(/heap 0x[0-9a-f]{8}\.\.0x[0-9a-f]{8} {2}\[#+\]/);
    expect(run.stdout).toMatch(/used\s+block 168 B/);
  });

  it('run shows the live frames at the moment of a stack overflow', async () => {
    const run = await cli('sandbox', 'run', 'stack-overflow');
    expect(run.stdout).toMatch(/stack 0x[0-9a-f]{8} \(sp\)\.\.0x[0-9a-f]{8}, \d{3} live frame\(s\)/);
    expect(run.stdout).toContain('#0 recurse: alloca 4096 B');
  });

  it('run --json and --vega write machine-readable outcomes', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'softmem-sandbox-'));
    const file = path.join(dir, 'space.vl.json');
    const run = await cli('sandbox', 'run', 'rc-cycle', '--json', '--vega', file);
    expect(run.code).toBe(0);
    const outcome = JSON.parse(run.stdout) as { kind: string; matched: boolean; message: string };
    expect(outcome).toMatchObject({ kind: 'memory-leak', matched: true });
    expect(outcome.message).toContain('reference cycle');
    const spec = JSON.parse(readFileSync(file, 'utf8')) as {
      data: { values: { lane: string; kind: string }[] };
    };
    expect(spec.data.values.filter((value) => value.lane === 'heap' && value.kind === 'used')).toHaveLength(
      2,
    );
  });

  it('run --svg renders the picture through the report module', async () => {
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'softmem-sandbox-')), 'space.svg');
    const run = await cli('sandbox', 'run', 'stack-and-heap', '--svg', file);
    expect(run.code).toBe(0);
    const svg = readFileSync(file, 'utf8');
    expect(svg.startsWith('<svg')).toBe(true);
    expect(svg).toContain('softmem sandbox: stack-and-heap');
  });

  it('an unknown example is a one-line usage error, exit 2', async () => {
    const run = await cli('sandbox', 'run', 'nope');
    expect(run.code).toBe(2);
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
    expect(run.stderr).toContain("unknown example 'nope'");
  });
});

describe('sandbox with collections struct layouts', () => {
  it("collections' StructLayout is a StructShape: fields at its offsets, stride sizeOf", () => {
    const layout = defineStruct('Particle', [
      { name: 'id', type: 'i32' },
      { name: 'mass', type: 'f64' },
    ]);
    const shape: StructShape = layout;
    const sb = new Sandbox({ sizeBytes: 1 << 20, stackBytes: 64 * 1024 });
    const particles = sb.mallocArray(struct(shape), 2);
    particles.at(1).field('mass', f64).set(2.5);
    particles.at(1).field('id', i32).set(7);
    expect(sb.memory.view.getFloat64(particles.address + layout.sizeOf + layout.offsetOf('mass'), true)).toBe(
      2.5,
    );
    expect(particles.add(1).address - particles.address).toBe(layout.sizeOf);
  });
});
