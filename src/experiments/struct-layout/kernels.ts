/**
 * The struct-layout kernels: `passes` passes of `structs[i].first = pass; structs[i].second = i`
 * over an array of structs. Offsets and stride are hoisted arguments, so one function serves
 * both layouts with the same shape (monomorphic). Each returns a value read back (the sink).
 */

/**
 * Writes through a DataView at `i × strideBytes + offset`, little endian. The only way JS can
 * write the packed layout, whose `second` sits at 6i + 2 (not 4-byte aligned); used for the
 * padded layout too, so the pair differs only in layout.
 */
export function dataViewWrites(
  view: DataView,
  structs: number,
  strideBytes: number,
  firstOffset: number,
  secondOffset: number,
  passes: number,
): number {
  for (let pass = 0; pass < passes; pass++) {
    for (let i = 0; i < structs; i++) {
      const at = i * strideBytes;
      view.setInt16(at + firstOffset, pass, true);
      view.setInt32(at + secondOffset, i, true);
    }
  }
  return view.getInt32((structs - 1) * strideBytes + secondOffset, true) + view.getInt16(firstOffset, true);
}

/**
 * Writes the padded layout through aligned typed-array views of one buffer: `first` is
 * Int16 element `i × firstStride + firstIndex`, `second` Int32 element
 * `i × secondStride + secondIndex` (4, 0, 2, 1 for the 8-byte struct). What idiomatic JS does
 * for an aligned layout; impossible for the packed one.
 */
export function typedArrayWrites(
  firsts: Int16Array,
  seconds: Int32Array,
  structs: number,
  firstStride: number,
  firstIndex: number,
  secondStride: number,
  secondIndex: number,
  passes: number,
): number {
  for (let pass = 0; pass < passes; pass++) {
    for (let i = 0; i < structs; i++) {
      firsts[i * firstStride + firstIndex] = pass;
      seconds[i * secondStride + secondIndex] = i;
    }
  }
  return seconds[(structs - 1) * secondStride + secondIndex]! + firsts[firstIndex]!;
}
