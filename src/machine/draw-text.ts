import { buildTopology, type TopologyNode } from './topology.js';
import type { MachineInfo } from './types.js';

/**
 * Draws the machine as lstopo's console output does: one line per node, indented by depth,
 * with a node that has a single child joined to it by ` + `.
 *
 * @example
 * ```text
 * Machine 'athlon': AMD Athlon 64 (K8), 1 CPU, 1 NUMA node, 4 KiB pages
 *   L2 512 KiB, 16-way, 64 B lines + L1d 64 KiB, 2-way, 64 B lines + L1i … + Core + PU P#0
 * ```
 */
export function drawMachineTree(machine: MachineInfo): string {
  const lines: string[] = [];
  const visit = (node: TopologyNode, depth: number): void => {
    const parts = [node.label];
    let tail = node;
    while (tail.children.length === 1 && tail.kind !== 'machine') {
      tail = tail.children[0]!;
      parts.push(tail.label);
    }
    lines.push(`${'  '.repeat(depth)}${parts.join(' + ')}`);
    for (const child of tail.children) visit(child, depth + 1);
  };
  visit(buildTopology(machine), 0);
  for (const note of machine.notes) lines.push(`note: ${note}`);
  return `${lines.join('\n')}\n`;
}
