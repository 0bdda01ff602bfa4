import { makeSandboxError } from './errors.js';
import { FRAME_HEADER_BYTES, hex, Shadow, STACK_REDZONE_BYTES } from './layout.js';
import type { Memory } from './memory.js';
import { type ElementType, type Pointer, VoidPointer } from './pointer.js';

/** A local variable (or alloca block) of a frame. */
export interface LocalVariable {
  readonly name: string;
  readonly address: number;
  readonly sizeBytes: number;
}

/**
 * One function activation: a frame header (return address, saved frame pointer) and locals
 * below it, each followed (above) by a redzone when the sanitizer is on. Pop it with
 * `leave()`, `using` (`Symbol.dispose`), or let `Sandbox.call` do it.
 */
export class Frame {
  readonly stack: Stack;
  readonly name: string;
  /** Stack pointer at entry: the frame occupies `[low, base)`. */
  readonly base: number;
  /** Current lowest byte of the frame (the stack pointer while it is on top). */
  low: number;
  readonly depth: number;
  readonly locals: LocalVariable[];
  /** False once popped. */
  active: boolean;

  constructor(stack: Stack, name: string, base: number, depth: number) {
    this.stack = stack;
    this.name = name;
    this.base = base;
    this.low = base;
    this.depth = depth;
    this.locals = [];
    this.active = true;
  }

  /** A local of `count` elements of `type` (`int x[count];`), uninitialised. */
  local<P extends Pointer>(type: ElementType<P>, count = 1, name = `local${this.locals.length}`): P {
    if (!Number.isInteger(count) || count < 1) {
      throw new RangeError(`local '${name}' needs a positive integer element count, got ${String(count)}`);
    }
    const address = this.stack.reserve(this, type.sizeBytes * count, type.alignBytes, name);
    return type.pointer(this.stack.memory, address);
  }

  /** `alloca(bytes)`: a block in this frame, gone when the frame returns. */
  alloca(bytes: number): VoidPointer {
    if (!Number.isInteger(bytes) || bytes < 0) {
      throw new RangeError(`alloca size must be a non-negative integer, got ${String(bytes)}`);
    }
    return new VoidPointer(this.stack.memory, this.stack.reserve(this, bytes, 16, 'alloca'));
  }

  /** Pops this frame (it must be the innermost one). */
  leave(): void {
    this.stack.leave(this);
  }

  [Symbol.dispose](): void {
    if (this.active) this.stack.leave(this);
  }
}

/** Popped frames remembered for describing stack-use-after-return. */
const POPPED_MEMORY = 64;

/**
 * The call stack: frames growing down from the top of the address space to `limit`; reaching
 * the limit (the guard below) is a stack overflow. Popped frames are poisoned so pointers
 * into them fault (stack-use-after-return) until a later frame reuses the bytes.
 */
export class Stack {
  readonly memory: Memory;
  /** Highest address + 1 (initial stack pointer). */
  readonly top: number;
  /** Lowest usable address; below it lies the guard. */
  readonly limit: number;
  private readonly sanitize: boolean;
  private readonly undefinedCode: number;
  sp: number;
  readonly frames: Frame[];
  readonly popped: Frame[];

  constructor(memory: Memory, top: number, limit: number, sanitize: boolean, detectUninitialized: boolean) {
    this.memory = memory;
    this.top = top;
    this.limit = limit;
    this.sanitize = sanitize;
    this.undefinedCode = detectUninitialized ? Shadow.Undefined : Shadow.Ok;
    this.sp = top;
    this.frames = [];
    this.popped = [];
  }

  /** Innermost frame, or null when the stack is empty. */
  get current(): Frame | null {
    return this.frames[this.frames.length - 1] ?? null;
  }

  private overflow(frameName: string, address: number): never {
    throw makeSandboxError('stack-overflow', {
      address,
      accessBytes: 0,
      access: 'none',
      region: null,
      allocationSite: null,
      freeSite: null,
      notes: [
        `frame '${frameName}' at depth ${this.frames.length} does not fit: the stack ${hex(this.limit)}..${hex(this.top)} (${this.top - this.limit} bytes) reached its guard`,
      ],
    });
  }

  /** Pushes a frame: 16 bytes of header (return address, saved frame pointer). */
  enter(name: string): Frame {
    const low = this.sp - FRAME_HEADER_BYTES;
    if (low < this.limit) this.overflow(name, low);
    const frame = new Frame(this, name, this.sp, this.frames.length);
    this.memory.poison(low, this.sp, Shadow.StackLeftRedzone);
    frame.low = low;
    this.sp = low;
    this.frames.push(frame);
    return frame;
  }

  /** Reserves `bytes` in the innermost frame, redzone above; returns the local's address. */
  reserve(frame: Frame, bytes: number, alignBytes: number, name: string): number {
    if (frame !== this.current) {
      throw new Error(`frame '${frame.name}' is not the innermost frame: only it can grow`);
    }
    const redzone = this.sanitize ? STACK_REDZONE_BYTES : 0;
    const align = Math.max(alignBytes, this.sanitize ? 16 : 1);
    const end = this.sp - redzone;
    const address = Math.floor((end - bytes) / align) * align;
    if (address < this.limit) this.overflow(frame.name, address);
    this.memory.poison(address + bytes, this.sp, Shadow.StackMidRedzone);
    this.memory.poison(address, address + bytes, this.undefinedCode);
    this.sp = address;
    frame.low = address;
    frame.locals.push({ name, address, sizeBytes: bytes });
    return address;
  }

  /** Pops `frame`, which must be the innermost one; its bytes become stack-after-return. */
  leave(frame: Frame): void {
    if (frame !== this.current) {
      throw new Error(
        frame.active
          ? `frame '${frame.name}' is not the innermost frame`
          : `frame '${frame.name}' already returned`,
      );
    }
    this.frames.pop();
    frame.active = false;
    this.memory.poison(frame.low, frame.base, Shadow.StackAfterReturn);
    this.sp = frame.base;
    this.popped.push(frame);
    if (this.popped.length > POPPED_MEMORY) this.popped.shift();
  }

  /** Pops every frame without poisoning: the stack is new again. */
  reset(): void {
    this.memory.u8.fill(0, this.sp, this.top);
    this.memory.poison(this.limit, this.top, Shadow.StackUnused);
    for (const frame of this.frames) frame.active = false;
    this.frames.length = 0;
    this.popped.length = 0;
    this.sp = this.top;
  }

  /** The live or popped frame whose bytes contain `address` (live ones first), or null. */
  frameAt(address: number): Frame | null {
    for (const frame of this.frames) if (address >= frame.low && address < frame.base) return frame;
    for (let i = this.popped.length - 1; i >= 0; i--) {
      const frame = this.popped[i]!;
      if (address >= frame.low && address < frame.base) return frame;
    }
    return null;
  }
}
