import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
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

  it('names bad node indices', () => {
    const tree = new Tree(0);
    expect(() => tree.addChild(1, 0)).toThrow('tree node 1 out of range [0, 1)');
    expect(() => tree.parent(-1)).toThrow('tree node -1 out of range');
    expect(() => new Tree(0, 0)).toThrow('Tree initialCapacity must be an integer');
  });
});
