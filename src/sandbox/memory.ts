import { AccessKind, type TraceSink } from '../trace/index.js';
import { Shadow } from './layout.js';

/**
 * Shadow bytes are stored XOR this key, so that the zero-filled fresh buffer reads as
 * `Shadow.Unmapped`: a new sandbox poisons only what it maps (static area, stack), not the
 * megabytes of heap reserve, and the fast path compares against `SHADOW_OK_WORD`.
 */
export const SHADOW_KEY = Shadow.Unmapped;
/** Four `Shadow.Ok` bytes as stored. */
const SHADOW_OK_WORD = (SHADOW_KEY * 0x01010101) >>> 0;
const SHADOW_OK_HALF = SHADOW_KEY * 0x0101;

const EMPTY_I8 = new Int8Array(0);
const EMPTY_U8 = new Uint8Array(0);
const EMPTY_I16 = new Int16Array(0);
const EMPTY_U16 = new Uint16Array(0);
const EMPTY_I32 = new Int32Array(0);
const EMPTY_U32 = new Uint32Array(0);
const EMPTY_F32 = new Float32Array(0);
const EMPTY_F64 = new Float64Array(0);

/**
 * Called on a bad access with the address, the bytes accessed, whether it was a write and
 * the shadow code of the first bad byte. Throws (default) or records and returns (log mode).
 */
export type FaultHandler = (address: number, accessBytes: number, isWrite: boolean, shadow: number) => void;

/**
 * The bytes of an address space and every load and store on them: typed-array views over
 * one ArrayBuffer, plus (sanitizer on) one shadow byte per byte that says whether it may be
 * touched (see `Shadow`).
 *
 * The `loadX`/`storeX` methods are the unchecked twins used by pointers: they take a valid
 * uint32 address, check the shadow only when the sanitizer is on (one predictable branch when
 * off) and feed the trace sink only when one is attached. Aligned accesses go through the
 * typed-array view of their width; unaligned ones through a DataView. Little-endian.
 */
export class Memory {
  // `declare` fields: assigned only in the constructor, so V8 keeps them typed (a native class
  // field would start as `undefined` and leave every view load behind a map check).
  declare readonly buffer: ArrayBuffer;
  declare readonly sizeBytes: number;
  declare readonly u8: Uint8Array;
  declare readonly i8: Int8Array;
  declare readonly u16: Uint16Array;
  declare readonly i16: Int16Array;
  declare readonly u32: Uint32Array;
  declare readonly i32: Int32Array;
  declare readonly f32: Float32Array;
  declare readonly f64: Float64Array;
  declare readonly i64: BigInt64Array;
  declare readonly u64: BigUint64Array;
  declare readonly view: DataView;
  /** True when the sanitizer checks every access against the shadow. */
  declare readonly checked: boolean;
  /** One byte per byte of memory, stored XOR `SHADOW_KEY` (empty when the sanitizer is off). */
  declare readonly shadow: Uint8Array;
  declare readonly shadow16: Uint16Array;
  declare readonly shadow32: Uint32Array;
  /** Receives every load and store when set (`setSink`); `null` costs one branch per access. */
  declare sink: TraceSink | null;
  /** True when neither the sanitizer nor a sink watches: pointers then read the views directly. */
  declare raw: boolean;
  /** Handles bad accesses; the sandbox installs its reporter. */
  declare onFault: FaultHandler;
  /**
   * The views that pointers read and write directly: the real views while `raw`, empty views
   * otherwise, so a watched access misses the fast path's bounds check and takes the checked
   * `loadX`/`storeX` twin. Tracing off costs nothing beyond that bounds check.
   */
  declare fastI8: Int8Array;
  declare fastU8: Uint8Array;
  declare fastI16: Int16Array;
  declare fastU16: Uint16Array;
  declare fastI32: Int32Array;
  declare fastU32: Uint32Array;
  declare fastF32: Float32Array;
  declare fastF64: Float64Array;

  constructor(sizeBytes: number, checked: boolean) {
    this.buffer = new ArrayBuffer(sizeBytes);
    this.sizeBytes = sizeBytes;
    this.u8 = new Uint8Array(this.buffer);
    this.i8 = new Int8Array(this.buffer);
    this.u16 = new Uint16Array(this.buffer);
    this.i16 = new Int16Array(this.buffer);
    this.u32 = new Uint32Array(this.buffer);
    this.i32 = new Int32Array(this.buffer);
    this.f32 = new Float32Array(this.buffer);
    this.f64 = new Float64Array(this.buffer);
    this.i64 = new BigInt64Array(this.buffer);
    this.u64 = new BigUint64Array(this.buffer);
    this.view = new DataView(this.buffer);
    this.checked = checked;
    const shadowBuffer = new ArrayBuffer(checked ? sizeBytes : 0);
    this.shadow = new Uint8Array(shadowBuffer);
    this.shadow16 = new Uint16Array(shadowBuffer);
    this.shadow32 = new Uint32Array(shadowBuffer);
    this.sink = null;
    this.raw = !checked;
    this.onFault = (address) => {
      throw new Error(`bad access at ${address}`);
    };
    // Same fields, same order for every Memory; setFastViews swaps in the empty views.
    this.fastI8 = this.i8;
    this.fastU8 = this.u8;
    this.fastI16 = this.i16;
    this.fastU16 = this.u16;
    this.fastI32 = this.i32;
    this.fastU32 = this.u32;
    this.fastF32 = this.f32;
    this.fastF64 = this.f64;
    if (!this.raw) this.setFastViews();
  }

  /** Points the `fastX` views at the real views when `raw`, at empty views otherwise. */
  private setFastViews(): void {
    const raw = this.raw;
    this.fastI8 = raw ? this.i8 : EMPTY_I8;
    this.fastU8 = raw ? this.u8 : EMPTY_U8;
    this.fastI16 = raw ? this.i16 : EMPTY_I16;
    this.fastU16 = raw ? this.u16 : EMPTY_U16;
    this.fastI32 = raw ? this.i32 : EMPTY_I32;
    this.fastU32 = raw ? this.u32 : EMPTY_U32;
    this.fastF32 = raw ? this.f32 : EMPTY_F32;
    this.fastF64 = raw ? this.f64 : EMPTY_F64;
  }

  /** Attaches a trace sink (null detaches). */
  setSink(sink: TraceSink | null): void {
    this.sink = sink;
    this.raw = !this.checked && sink === null;
    this.setFastViews();
  }

  /** Sets the shadow of `[start, end)` to `code` (no-op with the sanitizer off). */
  poison(start: number, end: number, code: number): void {
    if (this.checked === true && end > start) this.shadow.fill(code ^ SHADOW_KEY, start, end);
  }

  /** The shadow code of one byte (`Shadow.Unmapped` outside the space or with the sanitizer off). */
  shadowAt(address: number): number {
    const stored = this.shadow[address];
    return stored === undefined ? Shadow.Unmapped : stored ^ SHADOW_KEY;
  }

  /**
   * Checks `[address, address + bytes)` against the shadow byte by byte, reports the first bad
   * byte, and marks written bytes initialised. The slow path of every sanitized access.
   */
  checkRange(address: number, bytes: number, isWrite: boolean): void {
    const end = address + bytes;
    for (let a = address; a < end; a++) {
      const code = this.shadowAt(a);
      if (code === Shadow.Ok) continue;
      if (code === Shadow.Undefined && isWrite) continue;
      this.onFault(address, bytes, isWrite, code);
      return;
    }
    if (isWrite) {
      const shadow = this.shadow;
      for (let a = address; a < end; a++) if (this.shadowAt(a) === Shadow.Undefined) shadow[a] = SHADOW_KEY;
    }
  }

  private check1(address: number, isWrite: boolean): void {
    if (this.shadow[address] !== SHADOW_KEY) this.checkRange(address, 1, isWrite);
  }

  private check2(address: number, isWrite: boolean): void {
    if ((address & 1) !== 0 || this.shadow16[address >>> 1] !== SHADOW_OK_HALF)
      this.checkRange(address, 2, isWrite);
  }

  private check4(address: number, isWrite: boolean): void {
    if ((address & 3) !== 0 || this.shadow32[address >>> 2] !== SHADOW_OK_WORD)
      this.checkRange(address, 4, isWrite);
  }

  private check8(address: number, isWrite: boolean): void {
    const word = address >>> 2;
    if (
      (address & 7) !== 0 ||
      this.shadow32[word] !== SHADOW_OK_WORD ||
      this.shadow32[word + 1] !== SHADOW_OK_WORD
    ) {
      this.checkRange(address, 8, isWrite);
    }
  }

  loadU8(address: number): number {
    if (this.checked === true) this.check1(address, false);
    if (this.sink !== null) this.sink.access(address, 1, AccessKind.Load);
    return this.u8[address]! | 0;
  }
  loadI8(address: number): number {
    if (this.checked === true) this.check1(address, false);
    if (this.sink !== null) this.sink.access(address, 1, AccessKind.Load);
    return this.i8[address]! | 0;
  }
  loadU16(address: number): number {
    if (this.checked === true) this.check2(address, false);
    if (this.sink !== null) this.sink.access(address, 2, AccessKind.Load);
    return (address & 1) === 0 ? this.u16[address >>> 1]! | 0 : this.view.getUint16(address, true);
  }
  loadI16(address: number): number {
    if (this.checked === true) this.check2(address, false);
    if (this.sink !== null) this.sink.access(address, 2, AccessKind.Load);
    return (address & 1) === 0 ? this.i16[address >>> 1]! | 0 : this.view.getInt16(address, true);
  }
  loadU32(address: number): number {
    if (this.checked === true) this.check4(address, false);
    if (this.sink !== null) this.sink.access(address, 4, AccessKind.Load);
    return (address & 3) === 0 ? this.u32[address >>> 2]! >>> 0 : this.view.getUint32(address, true);
  }
  loadI32(address: number): number {
    if (this.checked === true) this.check4(address, false);
    if (this.sink !== null) this.sink.access(address, 4, AccessKind.Load);
    return (address & 3) === 0 ? this.i32[address >>> 2]! | 0 : this.view.getInt32(address, true);
  }
  loadF32(address: number): number {
    if (this.checked === true) this.check4(address, false);
    if (this.sink !== null) this.sink.access(address, 4, AccessKind.Load);
    return (address & 3) === 0 ? +this.f32[address >>> 2]! : this.view.getFloat32(address, true);
  }
  loadF64(address: number): number {
    if (this.checked === true) this.check8(address, false);
    if (this.sink !== null) this.sink.access(address, 8, AccessKind.Load);
    return (address & 7) === 0 ? +this.f64[address >>> 3]! : this.view.getFloat64(address, true);
  }
  loadI64(address: number): bigint {
    if (this.checked === true) this.check8(address, false);
    if (this.sink !== null) this.sink.access(address, 8, AccessKind.Load);
    return this.view.getBigInt64(address, true);
  }
  loadU64(address: number): bigint {
    if (this.checked === true) this.check8(address, false);
    if (this.sink !== null) this.sink.access(address, 8, AccessKind.Load);
    return this.view.getBigUint64(address, true);
  }
  /** A pointer stored as 8 bytes: the low word is the address, the high word must be 0. */
  loadPointer(address: number): number {
    if (this.checked === true) this.check8(address, false);
    if (this.sink !== null) this.sink.access(address, 8, AccessKind.Load);
    return this.view.getUint32(address, true);
  }

  storeU8(address: number, value: number): void {
    if (this.checked === true) this.check1(address, true);
    if (this.sink !== null) this.sink.access(address, 1, AccessKind.Store);
    this.u8[address] = value;
  }
  storeU16(address: number, value: number): void {
    if (this.checked === true) this.check2(address, true);
    if (this.sink !== null) this.sink.access(address, 2, AccessKind.Store);
    if ((address & 1) === 0) this.u16[address >>> 1] = value;
    else this.view.setUint16(address, value, true);
  }
  storeU32(address: number, value: number): void {
    if (this.checked === true) this.check4(address, true);
    if (this.sink !== null) this.sink.access(address, 4, AccessKind.Store);
    if ((address & 3) === 0) this.u32[address >>> 2] = value;
    else this.view.setUint32(address, value >>> 0, true);
  }
  storeI32(address: number, value: number): void {
    if (this.checked === true) this.check4(address, true);
    if (this.sink !== null) this.sink.access(address, 4, AccessKind.Store);
    if ((address & 3) === 0) this.i32[address >>> 2] = value;
    else this.view.setInt32(address, value | 0, true);
  }
  storeF32(address: number, value: number): void {
    if (this.checked === true) this.check4(address, true);
    if (this.sink !== null) this.sink.access(address, 4, AccessKind.Store);
    if ((address & 3) === 0) this.f32[address >>> 2] = value;
    else this.view.setFloat32(address, value, true);
  }
  storeF64(address: number, value: number): void {
    if (this.checked === true) this.check8(address, true);
    if (this.sink !== null) this.sink.access(address, 8, AccessKind.Store);
    if ((address & 7) === 0) this.f64[address >>> 3] = value;
    else this.view.setFloat64(address, value, true);
  }
  storeI64(address: number, value: bigint): void {
    if (this.checked === true) this.check8(address, true);
    if (this.sink !== null) this.sink.access(address, 8, AccessKind.Store);
    this.view.setBigInt64(address, BigInt.asIntN(64, value), true);
  }
  storeU64(address: number, value: bigint): void {
    if (this.checked === true) this.check8(address, true);
    if (this.sink !== null) this.sink.access(address, 8, AccessKind.Store);
    this.view.setBigUint64(address, BigInt.asUintN(64, value), true);
  }
  /** Stores a pointer as 8 bytes (low word the address, high word 0). */
  storePointer(address: number, value: number): void {
    if (this.checked === true) this.check8(address, true);
    if (this.sink !== null) this.sink.access(address, 8, AccessKind.Store);
    this.view.setUint32(address, value >>> 0, true);
    this.view.setUint32(address + 4, 0, true);
  }

  /** `memset`: checked as one write of `bytes` bytes. */
  fill(address: number, value: number, bytes: number): void {
    if (this.checked === true) this.checkRange(address, bytes, true);
    if (this.sink !== null && bytes > 0) this.sink.access(address, bytes, AccessKind.Store);
    this.u8.fill(value, address, address + bytes);
  }

  /** `memmove`: checked as a read of the source and a write of the destination. */
  copy(target: number, source: number, bytes: number): void {
    if (this.checked === true) {
      this.checkRange(source, bytes, false);
      this.checkRange(target, bytes, true);
    }
    if (this.sink !== null && bytes > 0) {
      this.sink.access(source, bytes, AccessKind.Load);
      this.sink.access(target, bytes, AccessKind.Store);
    }
    this.u8.copyWithin(target, source, source + bytes);
  }
}
