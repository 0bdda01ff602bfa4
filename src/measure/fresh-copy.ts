/**
 * Fresh copies of kernel factories, so each kernel is compiled for its own inputs.
 *
 * V8's optimising compiler treats the values a closure captures as constants (function-context
 * specialisation) only while that closure is the sole one made from its function literal. The
 * second closure of the same literal gets generic code, which reloads each captured typed array
 * and re-checks its map and length on every access. A kernel factory called once per working
 * set therefore timed the JIT, not the memory: its first kernel read 43 GB/s at 16 KiB and the
 * next ones 31–32 at 16, 32 and 512 KiB, where fresh copies read 43–44.5 at every size (the
 * bandwidth experiment's read kernel through `measureKernel`, one standalone run on the 2-vCPU
 * machine, 2026-11-26; the native reference read 47–49 there).
 */

/** Copies made so far: each copy's source carries its number, so V8 never reuses a compiled one. */
let copies = 0;

/**
 * A new function with the source of `factory`, compiled anew: closures it returns are the
 * first of their function literals, so V8 may compile them against what they capture.
 * `factory` must be a non-async function or arrow function whose only free variables are the
 * names in `dependencies` (module-level helpers and constants it calls), bound here by name;
 * its compiled JavaScript source is used, so not a native, bound or method-shorthand function.
 *
 * @example
 * const makeKernel = (a: Float64Array) => (passes: number) => { ... readSum(a) ... };
 * const kernel = freshCopy(makeKernel, { readSum })(data);
 */
export function freshCopy<F extends (...args: never[]) => unknown>(
  factory: F,
  dependencies: Readonly<Record<string, unknown>> = {},
): F {
  const source = Function.prototype.toString.call(factory);
  if (source.includes('[native code]')) {
    throw new TypeError(
      `freshCopy needs a function with JavaScript source, got ${factory.name || 'a native function'}`,
    );
  }
  const names = Object.keys(dependencies);
  for (const name of names) {
    if (!/^[A-Za-z_$][\w$]*$/.test(name))
      throw new TypeError(`freshCopy dependency name '${name}' is not an identifier`);
  }
  if (!/^(function\b|\(|[A-Za-z_$][\w$]*\s*=>)/.test(source)) {
    throw new TypeError(
      `freshCopy needs a function declaration or an arrow function, got: ${source.slice(0, 40)}`,
    );
  }
  copies++;
  const make = new Function(...names, `"use strict"; // softmem fresh copy ${copies}\nreturn (${source});`);
  return make(...names.map((name) => dependencies[name])) as F;
}
