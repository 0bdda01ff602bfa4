import { makeSandboxError, type SandboxError } from './errors.js';
import type { ElementType, Pointer } from './pointer.js';
import type { Sandbox } from './sandbox.js';

function moved(what: string, address: number): SandboxError {
  return makeSandboxError('use-after-move', {
    address,
    accessBytes: 0,
    access: 'none',
    region: null,
    allocationSite: null,
    freeSite: null,
    notes: [`${what} was moved out or dropped; it owns nothing now`],
  });
}

/**
 * A unique owner of one heap allocation (Rust's `Box`, C++'s `unique_ptr`). Dropped by
 * `drop()` or at the end of a `using` block; `move()` hands ownership to a new Box and
 * leaves this one empty: using it afterwards throws `UseAfterMoveError`.
 *
 * @example
 * ```ts
 * {
 *   using box = Box.alloc(sb, f64);
 *   box.get.set(1.5);
 * } // freed here
 * ```
 */
export class Box<P extends Pointer> {
  readonly sandbox: Sandbox;
  private target: P | null;

  constructor(sandbox: Sandbox, pointer: P) {
    this.sandbox = sandbox;
    this.target = pointer;
  }

  /** Allocates `count` elements of `type` (uninitialised) and owns them. Throws when the heap is exhausted. */
  static alloc<P extends Pointer>(
    sandbox: Sandbox,
    type: ElementType<P>,
    count = 1,
    label = `Box<${type.name}>`,
  ): Box<P> {
    const pointer = sandbox.mallocArray(type, count);
    if (pointer.isNull())
      throw new RangeError(`Box.alloc: heap exhausted (${count} × ${type.sizeBytes} bytes)`);
    sandbox.label(pointer, label);
    return new Box(sandbox, pointer);
  }

  /** The owned pointer; throws after a move or drop. */
  get get(): P {
    if (this.target === null) throw moved('Box', 0);
    return this.target;
  }

  /** True until moved out or dropped. */
  get owns(): boolean {
    return this.target !== null;
  }

  /** Transfers ownership to a new Box; this one becomes empty. */
  move(): Box<P> {
    const target = this.get;
    this.target = null;
    return new Box(this.sandbox, target);
  }

  /** Frees the allocation; throws when already moved or dropped. */
  drop(): void {
    const target = this.get;
    this.target = null;
    this.sandbox.free(target);
  }

  /** `using` support: drops if still owning (a moved-from box has nothing to drop). */
  [Symbol.dispose](): void {
    if (this.target !== null) this.drop();
  }
}

/** Rc block layout: strong count, weak count, 8 bytes padding, then the value (16-aligned). */
const STRONG_OFFSET = 0;
const WEAK_OFFSET = 4;
const VALUE_OFFSET = 16;

/**
 * A reference-counted pointer (Rust's `Rc`): the strong and weak counts live in the sandbox
 * heap in front of the value, so leak reports and traces see them. The value is dropped
 * (`onDrop`) when the last strong handle drops; the block is freed when no weak handle is
 * left either. Each JS handle is used once: `drop()` twice throws.
 */
export class Rc<P extends Pointer> {
  readonly sandbox: Sandbox;
  readonly type: ElementType<P>;
  /** Address of the block (counts at +0 and +4, value at +16). */
  readonly block: number;
  private readonly onDrop: ((value: P) => void) | null;
  private live: boolean;

  private constructor(
    sandbox: Sandbox,
    type: ElementType<P>,
    block: number,
    onDrop: ((value: P) => void) | null,
  ) {
    this.sandbox = sandbox;
    this.type = type;
    this.block = block;
    this.onDrop = onDrop;
    this.live = true;
  }

  /** Allocates a zeroed value with strong count 1. `onDrop` runs when the last strong handle drops. */
  static alloc<P extends Pointer>(
    sandbox: Sandbox,
    type: ElementType<P>,
    options: { label?: string; onDrop?: (value: P) => void } = {},
  ): Rc<P> {
    const block = sandbox.calloc(1, VALUE_OFFSET + type.sizeBytes);
    if (block.isNull()) throw new RangeError(`Rc.alloc: heap exhausted (${type.sizeBytes} bytes)`);
    sandbox.label(block, options.label ?? `Rc<${type.name}>`);
    sandbox.memory.storeU32(block.address + STRONG_OFFSET, 1);
    return new Rc(sandbox, type, block.address, options.onDrop ?? null);
  }

  /** Rebuilds a handle from `intoRaw()`'s address (Rust's `Rc::from_raw`); takes over one strong count. */
  static fromRaw<P extends Pointer>(
    sandbox: Sandbox,
    type: ElementType<P>,
    valueAddress: number,
    onDrop?: (value: P) => void,
  ): Rc<P> {
    return new Rc(sandbox, type, valueAddress - VALUE_OFFSET, onDrop ?? null);
  }

  private check(): void {
    if (!this.live) throw moved('Rc handle', this.block);
  }

  /** Pointer to the value. */
  get value(): P {
    this.check();
    return this.type.pointer(this.sandbox.memory, this.block + VALUE_OFFSET);
  }

  get strongCount(): number {
    return this.sandbox.memory.loadU32(this.block + STRONG_OFFSET);
  }

  get weakCount(): number {
    return this.sandbox.memory.loadU32(this.block + WEAK_OFFSET);
  }

  /** A new strong handle (count + 1). */
  clone(): Rc<P> {
    this.check();
    const memory = this.sandbox.memory;
    memory.storeU32(this.block + STRONG_OFFSET, memory.loadU32(this.block + STRONG_OFFSET) + 1);
    return new Rc(this.sandbox, this.type, this.block, this.onDrop);
  }

  /** A weak handle (weak count + 1). */
  downgrade(): Weak<P> {
    this.check();
    const memory = this.sandbox.memory;
    memory.storeU32(this.block + WEAK_OFFSET, memory.loadU32(this.block + WEAK_OFFSET) + 1);
    return new Weak(this.sandbox, this.type, this.block, this.onDrop);
  }

  /**
   * Gives up this JS handle without dropping, returning the value's address to store in sandbox
   * memory (Rust's `Rc::into_raw`); the count it held now belongs to that stored pointer.
   */
  intoRaw(): number {
    this.check();
    this.live = false;
    return this.block + VALUE_OFFSET;
  }

  /** Drops this handle: strong − 1; at 0 the value is dropped, and the block freed if no weak is left. */
  drop(): void {
    this.check();
    this.live = false;
    const memory = this.sandbox.memory;
    const strong = memory.loadU32(this.block + STRONG_OFFSET) - 1;
    memory.storeU32(this.block + STRONG_OFFSET, strong);
    if (strong > 0) return;
    this.onDrop?.(this.type.pointer(memory, this.block + VALUE_OFFSET));
    if (memory.loadU32(this.block + WEAK_OFFSET) === 0)
      this.sandbox.free(this.sandbox.pointer(this.type, this.block));
  }

  [Symbol.dispose](): void {
    if (this.live) this.drop();
  }
}

/** A non-owning handle to an Rc's block (Rust's `Weak`): `upgrade()` is null once the value is dropped. */
export class Weak<P extends Pointer> {
  readonly sandbox: Sandbox;
  readonly type: ElementType<P>;
  readonly block: number;
  private readonly onDrop: ((value: P) => void) | null;
  private live: boolean;

  constructor(sandbox: Sandbox, type: ElementType<P>, block: number, onDrop: ((value: P) => void) | null) {
    this.sandbox = sandbox;
    this.type = type;
    this.block = block;
    this.onDrop = onDrop;
    this.live = true;
  }

  /** A strong handle if the value is still alive, else null. */
  upgrade(): Rc<P> | null {
    if (!this.live) throw moved('Weak handle', this.block);
    const memory = this.sandbox.memory;
    const strong = memory.loadU32(this.block);
    if (strong === 0) return null;
    memory.storeU32(this.block, strong + 1);
    return Rc.fromRaw(this.sandbox, this.type, this.block + VALUE_OFFSET, this.onDrop ?? undefined);
  }

  /** Drops this weak handle; frees the block when it was the last handle of any kind. */
  drop(): void {
    if (!this.live) throw moved('Weak handle', this.block);
    this.live = false;
    const memory = this.sandbox.memory;
    const weak = memory.loadU32(this.block + WEAK_OFFSET) - 1;
    memory.storeU32(this.block + WEAK_OFFSET, weak);
    if (weak === 0 && memory.loadU32(this.block) === 0) {
      this.sandbox.free(this.sandbox.pointer(this.type, this.block));
    }
  }

  [Symbol.dispose](): void {
    if (this.live) this.drop();
  }
}
