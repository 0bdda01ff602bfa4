import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AccessKind, TraceBuffer } from '../trace/index.js';
import { Tree } from './index.js';

interface ModelNode {
  parent: number;
  children: number[];
}

function preorder(nodes: ModelNode[], from: number, out: number[] = []): number[] {
  out.push(from);
  for (const child of nodes[from]!.children) preorder(nodes, child, out);
  return out;
}

describe('Tree (first-child / next-sibling) against a pointer-style model', () => {
  it('agrees on parents, children, depth and depth-first order of random trees', () => {
    let operations = 0;
    fc.assert(
      fc.property(fc.array(fc.nat(), { minLength: 150, maxLength: 300 }), fc.nat(), (picks, from) => {
        const tree = new Tree<string>('n0', 1);
        const nodes: ModelNode[] = [{ parent: -1, children: [] }];
        for (const pick of picks) {
          operations++;
          // Bias to recent nodes so the trees get deep as well as wide.
          const parent = pick % 3 === 0 ? nodes.length - 1 : pick % nodes.length;
          const node = tree.addChild(parent, `n${nodes.length}`);
          if (node !== nodes.length) expect(node).toBe(nodes.length);
          nodes.push({ parent, children: [] });
          nodes[parent]!.children.push(node);
        }
        expect(tree.size).toBe(nodes.length);
        expect(
          nodes.map((_, node) => [tree.parent(node), [...tree.children(node)], tree.value(node)]),
        ).toEqual(nodes.map((model, node) => [model.parent, model.children, `n${node}`]));
        const start = from % nodes.length;
        expect(Array.from(tree.depthFirst(start))).toEqual(preorder(nodes, start));
        let depth = 0;
        for (let n = start; nodes[n]!.parent !== -1; n = nodes[n]!.parent) depth++;
        expect(tree.depth(start)).toBe(depth);
      }),
      { numRuns: 70 },
    );
    expect(operations).toBeGreaterThanOrEqual(10_000);
  });

  it('traced: the same tree, four link accesses per addChild, and one link read per step of a walk', () => {
    fc.assert(
      fc.property(fc.array(fc.nat(), { minLength: 1, maxLength: 120 }), (picks) => {
        const trace = new TraceBuffer();
        const tree = new Tree(0, 2, { trace, baseAddress: 64 });
        const plain = new Tree(0, 2);
        for (const pick of picks) {
          const parent = pick % tree.size;
          trace.clear();
          expect(tree.addChild(parent, 0)).toBe(plain.addChild(parent, 0));
          expect(Array.from(trace.kinds.subarray(0, trace.length))).toEqual([
            AccessKind.Store, // parentOf[node]
            AccessKind.Load, // lastChild[parent]
            AccessKind.Store, // firstChild[parent] or nextSibling[last]
            AccessKind.Store, // lastChild[parent]
          ]);
        }
        trace.clear();
        const order = tree.depthFirst();
        expect(Array.from(order)).toEqual(Array.from(plain.depthFirst()));
        // One firstChild read per visited node and one nextSibling read per non-root node.
        expect(trace.length).toBe(2 * tree.size - 1);
        for (let k = 0; k < trace.length; k++) {
          expect(trace.kinds[k]).toBe(AccessKind.Load);
          expect(trace.addresses[k]! >= 64 && trace.addresses[k]! < 64 + 16 * 2 ** 8).toBe(true);
        }
      }),
      { numRuns: 60 },
    );
  });

  it('traced: links at baseAddress + (array × capacity + node) × 4', () => {
    const trace = new TraceBuffer();
    const tree = new Tree('r', 4, { trace }); // parentOf 0.., firstChild 16.., lastChild 32.., nextSibling 48..
    tree.addChild(0, 'a');
    tree.addChild(0, 'b');
    const { Load, Store } = AccessKind;
    const recorded = Array.from({ length: trace.length }, (_, k) => [trace.addresses[k], trace.kinds[k]]);
    expect(recorded).toEqual([
      [4, Store], // parentOf[1]
      [32, Load], // lastChild[0]
      [16, Store], // firstChild[0]
      [32, Store], // lastChild[0]
      [8, Store], // parentOf[2]
      [32, Load], // lastChild[0]
      [52, Store], // nextSibling[1]
      [32, Store], // lastChild[0]
    ]);
    trace.clear();
    expect(tree.parent(2)).toBe(0);
    expect(tree.depth(2)).toBe(1);
    expect(Array.from(trace.addresses.subarray(0, trace.length))).toEqual([8, 8, 0]);
  });

  it('names bad node indices', () => {
    const tree = new Tree(0);
    expect(() => tree.addChild(1, 0)).toThrow('tree node 1 out of range [0, 1)');
    expect(() => tree.parent(-1)).toThrow('tree node -1 out of range');
    expect(() => new Tree(0, 0)).toThrow('Tree initialCapacity must be an integer');
  });
});
