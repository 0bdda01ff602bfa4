import { Box, Rc } from '../smart.js';
import { f64, ptr, struct } from '../types.js';
import type { SandboxExample } from './example.js';

const SECTION = 'Smart pointers';

/** A list node: `struct Node { struct Node* next; double value; }` (16 bytes). */
const NODE = struct({
  name: 'Node',
  sizeOf: 16,
  alignOf: 8,
  offsetOf: (field: string) => {
    if (field === 'next') return 0;
    if (field === 'value') return 8;
    throw new RangeError(`Node has no field '${field}'`);
  },
});

/** A moved-from Box used again. */
export const boxMove: SandboxExample = {
  name: 'box-move',
  title: 'Box: use after move',
  section: SECTION,
  c: `let a = Box::new(1.5);
let b = a;          // ownership moves to b
println!("{}", a);  // Rust: compile error; here: UseAfterMoveError`,
  lesson: 'A Box has one owner; moving it leaves the old handle empty, and the block is freed exactly once.',
  expected: 'use-after-move',
  run(sb) {
    using a = Box.alloc(sb, f64, 1, 'a');
    a.get.set(1.5);
    using b = a.move();
    b.get.deref();
    a.get.deref();
  },
};

/** Two Rc nodes pointing at each other. */
export const rcCycle: SandboxExample = {
  name: 'rc-cycle',
  title: 'Rc cycle: two nodes keep each other alive',
  section: SECTION,
  c: `struct Node { struct Node* next; double value; };
Rc<Node> a, b;
a->next = clone(b);
b->next = clone(a);
drop(a); drop(b);     // both counts stay at 1: leaked`,
  lesson:
    'Reference counting cannot free a cycle; the leak checker finds both blocks and shows the cycle. Weak breaks it.',
  expected: 'memory-leak',
  run(sb) {
    const a = Rc.alloc(sb, NODE, { label: 'a' });
    const b = Rc.alloc(sb, NODE, { label: 'b' });
    a.value.field('next', ptr).set(b.clone().intoRaw());
    b.value.field('next', ptr).set(a.clone().intoRaw());
    a.drop();
    b.drop();
  },
};

/** Weak upgrade after the last strong drop. */
export const weakUpgrade: SandboxExample = {
  name: 'weak-upgrade',
  title: 'Weak: upgrade after the value is gone',
  section: SECTION,
  c: `Rc<Node> a = Rc::new(node);
Weak<Node> w = Rc::downgrade(&a);
drop(a);
assert(w.upgrade() == NULL);`,
  lesson:
    'A Weak does not keep the value alive; upgrade() gives NULL after the last strong drop, and the block goes with the last Weak.',
  expected: 'none',
  run(sb) {
    const a = Rc.alloc(sb, NODE, { label: 'a' });
    a.value.field('value', f64).set(2.5);
    const weak = a.downgrade();
    const again = weak.upgrade();
    if (again === null) throw new Error('upgrade failed while a strong handle lives');
    again.drop();
    a.drop();
    if (weak.upgrade() !== null) throw new Error('upgrade succeeded after the last strong drop');
    weak.drop();
  },
};
