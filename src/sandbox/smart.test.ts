import { describe, expect, it } from 'vitest';
import { Box, f64, i32, ptr, Rc, Sandbox, struct, UseAfterMoveError } from './index.js';

const SMALL = { sizeBytes: 1 << 20, stackBytes: 64 * 1024, guardBytes: 4096, staticBytes: 4096 } as const;
const NODE = struct({
  name: 'Node',
  sizeOf: 16,
  alignOf: 8,
  offsetOf: (field) => (field === 'next' ? 0 : 8),
});

describe('Box', () => {
  it('frees at the end of a using block; a moved-from box throws on use', () => {
    const sb = new Sandbox(SMALL);
    {
      using a = Box.alloc(sb, f64);
      a.get.set(1.5);
      using b = a.move();
      expect(b.get.deref()).toBe(1.5);
      expect(() => a.get).toThrow(UseAfterMoveError);
      expect(a.owns).toBe(false);
      expect(sb.stats().liveBlocks).toBe(1);
    }
    expect(sb.stats().liveBlocks).toBe(0);
    expect(sb.checkLeaks().leaks).toHaveLength(0);
  });

  it('drop twice throws; a dropped box leaves no leak', () => {
    const sb = new Sandbox(SMALL);
    const box = Box.alloc(sb, i32, 4);
    box.drop();
    expect(() => box.drop()).toThrow(UseAfterMoveError);
  });
});

describe('Rc and Weak', () => {
  it('keep counts in the sandbox heap; upgrade is null after the last strong drop', () => {
    const sb = new Sandbox(SMALL);
    const a = Rc.alloc(sb, f64);
    a.value.set(4);
    const b = a.clone();
    const weak = a.downgrade();
    expect(sb.memory.view.getUint32(a.block, true)).toBe(2); // strong count, in sandbox memory
    expect(sb.memory.view.getUint32(a.block + 4, true)).toBe(1); // weak count
    a.drop();
    expect(b.strongCount).toBe(1);
    const c = weak.upgrade();
    expect(c?.value.deref()).toBe(4);
    c?.drop();
    b.drop();
    expect(weak.upgrade()).toBeNull();
    expect(sb.stats().liveBlocks).toBe(1); // the block waits for the weak
    weak.drop();
    expect(sb.stats().liveBlocks).toBe(0);
    expect(() => a.value).toThrow(UseAfterMoveError);
  });

  it('onDrop runs once, when the last strong handle drops', () => {
    const sb = new Sandbox(SMALL);
    const dropped: number[] = [];
    const a = Rc.alloc(sb, f64, { onDrop: (value) => dropped.push(value.deref()) });
    a.value.set(7);
    const b = a.clone();
    a.drop();
    expect(dropped).toEqual([]);
    b.drop();
    expect(dropped).toEqual([7]);
  });

  it('an Rc cycle is a leak, shown with its cycle; the leak text follows LeakSanitizer', () => {
    const sb = new Sandbox(SMALL);
    const a = Rc.alloc(sb, NODE, { label: 'a' });
    const b = Rc.alloc(sb, NODE, { label: 'b' });
    a.value.field('next', ptr).set(b.clone().intoRaw());
    b.value.field('next', ptr).set(a.clone().intoRaw());
    a.drop();
    b.drop();
    const report = sb.checkLeaks();
    expect(report.leaks).toHaveLength(2);
    const withCycle = report.leaks.filter((leak) => leak.cycle !== null);
    expect(withCycle).toHaveLength(1);
    expect(withCycle[0]!.cycle).toEqual([a.block, b.block, a.block]);
    expect(report.text).toContain('detected memory leaks');
    expect(report.text).toMatch(
      /reference cycle: 0x[0-9a-f]{8} 'a' -> 0x[0-9a-f]{8} 'b' -> 0x[0-9a-f]{8} 'a'/,
    );
    expect(() => sb.assertNoLeaks()).toThrow(/memory-leak/);
  });
});

describe('leak checker', () => {
  it('direct and indirect leaks; blocks reachable from statics or live frames are not leaks', () => {
    const sb = new Sandbox(SMALL);
    const list = sb.malloc(16).cast(ptr);
    const child = sb.malloc(32);
    list.set(child.address); // list -> child: child is an indirect leak
    const global = sb.staticAlloc(8).cast(ptr);
    const kept = sb.malloc(64);
    global.set(kept.address);
    const frame = sb.enter('main');
    const local = frame.local(ptr, 1, 'p');
    const held = sb.malloc(24);
    local.set(held.address);
    const report = sb.checkLeaks();
    expect(report.leaks.map((leak) => [leak.address, leak.kind])).toEqual([
      [list.address, 'direct'],
      [child.address, 'indirect'],
    ]);
    expect(report.directBytes).toBe(16);
    expect(report.indirectBytes).toBe(32);
    expect(report.text).toContain('SUMMARY: LeakSanitizer: 48 byte(s) leaked in 2 allocation(s).');
    frame.leave();
    expect(sb.checkLeaks().leaks.map((leak) => leak.address)).toContain(held.address);
  });
});
