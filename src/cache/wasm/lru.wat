;; The WebAssembly (SIMD128) engine of the fast LRU path: lru-wasm.ts documents the design, the
;; memory layout it writes and why the results equal the JavaScript kernels'. Edit this file,
;; then run `npm run build:wasm` (writes lru-wasm-bytes.generated.ts, which is committed).
;;
;; Tags: one f64 per way, each set a move-to-front list (`tags[base]` most recent): a clean line
;; is stored as `line`, a dirty one as `-line - 2`, an empty way as -1. The scan compares the
;; raw 64-bit patterns, two ways per i64x2.eq. $probe, $shift, $setBase, $emit and $lookupTop
;; serve the per-line lookups of hierarchies with an I1; $drain has the same probe written out.
;;
;; Header (byte offsets from the imported global $header: 0, or the worker instance's copy):
;;   0 i32 level count           4 i32 index of L1d (the data top; the fetch top is level 0)
;;   8 i32 log2(line bytes)     12 i32 stream capacity (entries)
;;  16 i32 addresses (f64 column)  20 i32 sizes (u32 column)  24 i32 kinds (u8 column)
;;  28 i32 boundary: the first level the other thread runs, fed through the ring (-1: none)
;;  32 f64 memory accesses      40 i64 sink of the touch loads   48 i32 the ring block ($publish)
;;  64 i64 first line and 72 i64 lines of the run window: the lines every compact level can hold
;;  (0 lines: no compact level, no check)
;; Level records from header + 128, 256 bytes each:
;;  +0 i32 tags  +4 i32 ways  +8 i64 set mask (-1: sets not a power of two)  +16 i64 sets
;;  +24 i32 index of the level below (-1: memory)  +28 i32 stream lines (i64)  +32 i32 stream ops (u8)
;;  +36 i32 stream length  +40 i32 counters: 8 f64 (accesses read/write/fetch, misses read/write/fetch,
;;  evictions, write-backs)  +44 i32 touch pass on (1) or off (0)  +48 i32 set shift s (log2 sets, 0
;;  when the set count is not a power of two)  +52 i32 compact tags (1) or wide (0)  +56 i64 low mask
;;  (2^s - 1)  +64 i64 line base  +128 8 i32 requests per stream op and +160 8 i32 misses per stream
;;  op (what a drain counts, $clearCounts and $addCounts)
;;
;; Compact tags (a level's +52 set): one u32 per way, (line - line base) >> s, with bit 31 set when
;; the line is dirty; 0xFFFFFFFF is an empty way. A level's window is (2^31 - 1) << s lines from its
;; line base, which keeps every compact tag below 2^31 - 1: the dirty form of a tag is never
;; 0xFFFFFFFF and 0x7FFFFFFF ($HIT) is never a tag. The line base is a multiple of 2^s, so a way's
;; line is line base + (tag << s | set). `run` stops before the first access with a line outside the
;; run window (the intersection of the compact levels' windows) and returns its index; the caller
;; (lru-wasm.ts) then converts the levels whose window the access leaves to wide tags and narrows
;; the run window to the others'.
;; Stream ops: 0 / 1 / 2 a fill for a read / write / fetch miss above (counted as that kind, installed
;; clean); 3 a dirty line written back from above (a write, installed dirty, never fetched); 5 a demand
;; store at the top level (a write, installed dirty, its fill goes down as op 1). So: kind = op & 3
;; for fills, store = op >= 3, fill goes down = op != 3, as op & 3.
(module
  (import "env" "memory" (memory 1))
  ;; Byte address of this instance's header and level records (0 in a single-threaded engine; a
  ;; pipelined engine's worker instance has its own copy, see lru-wasm-threads.ts).
  (import "env" "header" (global $header i32))

  ;; Stream op of a dirty line written back from above (fills carry their kind, 0–2).
  (global $OP_WRITE_BACK i32 (i32.const 3))
  ;; Stream op of a store at the top level.
  (global $OP_STORE i32 (i32.const 5))
  ;; Requests per touch pass: lru-stream.ts's value. In-process A/Bs of builds of this file on the
  ;; three-level random trace of bench/cache.bench.ts (median ns per access): 16 vs 32 73.0 vs
  ;; 71.4; 64 was slower (174 vs 142 in a noisier three-way run).
  (global $TOUCH_BLOCK i32 (i32.const 32))
  ;; Pipelined engine: times the producer re-reads the consumer's count before it sleeps in
  ;; memory.atomic.wait32 when the ring is full. Not tuned: with the default ring (PIPELINE_SEGMENTS
  ;; in lru-wasm-threads.ts) the ring is rarely full; SPINS there has the measurements of the waits.
  (global $SPINS i32 (i32.const 2000))
  ;; Compact tags: $previous of a hit (never a tag, see the top of this file).
  (global $HIT i32 (i32.const 0x7fffffff))

  (func $record (param $index i32) (result i32)
    (i32.add (i32.add (global.get $header) (i32.const 128)) (i32.shl (local.get $index) (i32.const 8))))

  ;; Byte address of the first tag of `line`'s set.
  (func $setBase (param $record i32) (param $line i64) (result i32)
    (local $mask i64)
    (local.set $mask (i64.load offset=8 (local.get $record)))
    (i32.add
      (i32.load (local.get $record))
      (i32.shl
        (i32.mul
          (i32.wrap_i64
            (if (result i64) (i64.ge_s (local.get $mask) (i64.const 0))
              (then (i64.and (local.get $line) (local.get $mask)))
              (else (i64.rem_u (local.get $line) (i64.load offset=16 (local.get $record))))))
          (i32.load offset=4 (local.get $record)))
        (i32.const 3))))

  ;; Moves ways 0 … count - 1 of the set at `base` to 1 … count: the odd one first, then whole
  ;; vectors from the highest down (each 16-byte store lands 8 bytes above its load).
  (func $shift (param $base i32) (param $count i32)
    (local $at i32)
    (if (i32.and (local.get $count) (i32.const 1))
      (then
        (local.set $at
          (i32.add (local.get $base) (i32.shl (i32.sub (local.get $count) (i32.const 1)) (i32.const 3))))
        (f64.store offset=8 (local.get $at) (f64.load (local.get $at)))))
    (local.set $at
      (i32.add (local.get $base) (i32.shl (i32.shr_u (local.get $count) (i32.const 1)) (i32.const 4))))
    (block $done
      (loop $vector
        (br_if $done (i32.le_u (local.get $at) (local.get $base)))
        (local.set $at (i32.sub (local.get $at) (i32.const 16)))
        (v128.store offset=8 (local.get $at) (v128.load (local.get $at)))
        (br $vector))))

  ;; Touches `line` in the set of `ways` tags at `base` (lru-probe.ts's contract): on a hit it moves
  ;; to the front, dirty when `store` or when it already was, and the result is +inf; on a miss it
  ;; is inserted at the front and the dropped last tag is returned (-1 when the set had room).
  ;; The scan reads whole vectors, so with an odd way count it reads one tag past the set (the next
  ;; set's or the padding after the level): a match there is past `ways` and counts as a miss.
  (func $probe (param $base i32) (param $ways i32) (param $line i64) (param $store i32) (result f64)
    (local $clean f64) (local $dirty f64) (local $front f64) (local $found f64)
    (local $cleanBits v128) (local $dirtyBits v128) (local $vector v128)
    (local $at i32) (local $end i32) (local $matches i32) (local $position i32)
    (local.set $clean (f64.convert_i64_s (local.get $line)))
    (local.set $dirty (f64.sub (f64.neg (local.get $clean)) (f64.const 2)))
    (local.set $front (f64.load (local.get $base)))
    (if (f64.eq (local.get $front) (local.get $clean))
      (then
        (if (local.get $store) (then (f64.store (local.get $base) (local.get $dirty))))
        (return (f64.const inf))))
    (if (f64.eq (local.get $front) (local.get $dirty)) (then (return (f64.const inf))))
    (local.set $cleanBits (i64x2.splat (i64.reinterpret_f64 (local.get $clean))))
    (local.set $dirtyBits (i64x2.splat (i64.reinterpret_f64 (local.get $dirty))))
    (local.set $end (i32.add (local.get $base) (i32.shl (local.get $ways) (i32.const 3))))
    (local.set $at (local.get $base))
    (block $scanned
      (loop $scan
        (local.set $vector (v128.load (local.get $at)))
        (local.set $matches
          (i64x2.bitmask
            (v128.or
              (i64x2.eq (local.get $vector) (local.get $cleanBits))
              (i64x2.eq (local.get $vector) (local.get $dirtyBits)))))
        (br_if $scanned (local.get $matches))
        (local.set $at (i32.add (local.get $at) (i32.const 16)))
        (br_if $scan (i32.lt_u (local.get $at) (local.get $end)))))
    ;; Byte offset of the first match in the set; with no match, ctz(0) = 32 puts it past the end.
    (local.set $position
      (i32.add
        (i32.sub (local.get $at) (local.get $base))
        (i32.shl (i32.ctz (local.get $matches)) (i32.const 3))))
    (if (i32.lt_u (local.get $position) (i32.shl (local.get $ways) (i32.const 3)))
      (then
        (local.set $found (f64.load (i32.add (local.get $base) (local.get $position))))
        (call $shift (local.get $base) (i32.shr_u (local.get $position) (i32.const 3)))
        (f64.store (local.get $base)
          (select (local.get $dirty) (local.get $clean)
            (i32.or (local.get $store) (f64.eq (local.get $found) (local.get $dirty)))))
        (return (f64.const inf))))
    (local.set $found (f64.load (i32.sub (local.get $end) (i32.const 8))))
    (call $shift (local.get $base) (i32.sub (local.get $ways) (i32.const 1)))
    (f64.store (local.get $base) (select (local.get $dirty) (local.get $clean) (local.get $store)))
    (local.get $found))

  ;; counters[slot] += 1 (slot: byte address of an f64 counter)
  (func $count (param $slot i32)
    (f64.store (local.get $slot) (f64.add (f64.load (local.get $slot)) (f64.const 1))))

  ;; Appends a request from level `from` to the stream of the level below, draining that stream
  ;; first when it is full, or counts a memory access when `from` is the last level.
  (func $emit (param $from i32) (param $line i64) (param $op i32)
    (local $next i32) (local $record i32) (local $length i32)
    (local.set $next (i32.load offset=24 (call $record (local.get $from))))
    (if (i32.lt_s (local.get $next) (i32.const 0))
      (then (call $count (i32.add (global.get $header) (i32.const 32))) (return)))
    (local.set $record (call $record (local.get $next)))
    (local.set $length (i32.load offset=36 (local.get $record)))
    (if (i32.eq (local.get $length) (i32.load offset=12 (global.get $header)))
      (then
        (call $pass (local.get $next))
        (local.set $length (i32.const 0))))
    (i64.store
      (i32.add (i32.load offset=28 (local.get $record)) (i32.shl (local.get $length) (i32.const 3)))
      (local.get $line))
    (i32.store8 (i32.add (i32.load offset=32 (local.get $record)) (local.get $length)) (local.get $op))
    (i32.store offset=36 (local.get $record) (i32.add (local.get $length) (i32.const 1))))

  ;; A demand access to `line` at top level `index` (kind 0 read, 1 write, 2 fetch; `store` 0/1);
  ;; a miss sends its fill, then its dirty victim's write-back, to the stream below.
  (func $lookupTop (param $index i32) (param $line i64) (param $kind i32) (param $store i32)
    (local $record i32) (local $counters i32) (local $slot i32) (local $previous f64)
    (if (i32.load offset=52 (call $record (local.get $index)))
      (then
        (call $lookupTopCompact (local.get $index) (local.get $line) (local.get $kind) (local.get $store))
        (return)))
    (local.set $record (call $record (local.get $index)))
    (local.set $counters (i32.load offset=40 (local.get $record)))
    (local.set $slot (i32.add (local.get $counters) (i32.shl (local.get $kind) (i32.const 3))))
    (call $count (local.get $slot))
    (local.set $previous
      (call $probe
        (call $setBase (local.get $record) (local.get $line))
        (i32.load offset=4 (local.get $record))
        (local.get $line)
        (local.get $store)))
    (if (f64.eq (local.get $previous) (f64.const inf)) (then (return)))
    (call $count (i32.add (local.get $slot) (i32.const 24)))
    (call $emit (local.get $index) (local.get $line) (local.get $kind))
    (if (f64.eq (local.get $previous) (f64.const -1)) (then (return)))
    (call $count (i32.add (local.get $counters) (i32.const 48)))
    (if (f64.gt (local.get $previous) (f64.const -1)) (then (return)))
    (call $count (i32.add (local.get $counters) (i32.const 56)))
    (call $emit
      (local.get $index)
      (i64.trunc_sat_f64_s (f64.sub (f64.neg (local.get $previous)) (f64.const 2)))
      (global.get $OP_WRITE_BACK)))

  ;; $lookupTop on compact tags (see the top of this file).
  (func $lookupTopCompact (param $index i32) (param $line i64) (param $kind i32) (param $store i32)
    (local $record i32) (local $counters i32) (local $slot i32) (local $previous i32) (local $shift i64)
    (local $mask i64) (local $set i64)
    (local.set $record (call $record (local.get $index)))
    (local.set $counters (i32.load offset=40 (local.get $record)))
    (local.set $slot (i32.add (local.get $counters) (i32.shl (local.get $kind) (i32.const 3))))
    (call $count (local.get $slot))
    (local.set $shift (i64.extend_i32_u (i32.load offset=48 (local.get $record))))
    (local.set $mask (i64.load offset=8 (local.get $record)))
    (local.set $set
      (if (result i64) (i64.ge_s (local.get $mask) (i64.const 0))
        (then (i64.and (local.get $line) (local.get $mask)))
        (else (i64.rem_u (local.get $line) (i64.load offset=16 (local.get $record))))))
    (local.set $previous
      (call $probeCompact
        (i32.add
          (i32.load (local.get $record))
          (i32.shl
            (i32.mul (i32.wrap_i64 (local.get $set)) (i32.load offset=4 (local.get $record)))
            (i32.const 2)))
        (i32.load offset=4 (local.get $record))
        (i32.wrap_i64
          (i64.shr_u (i64.sub (local.get $line) (i64.load offset=64 (local.get $record))) (local.get $shift)))
        (local.get $store)))
    (if (i32.eq (local.get $previous) (global.get $HIT)) (then (return)))
    (call $count (i32.add (local.get $slot) (i32.const 24)))
    (call $emit (local.get $index) (local.get $line) (local.get $kind))
    (if (i32.eq (local.get $previous) (i32.const -1)) (then (return)))
    (call $count (i32.add (local.get $counters) (i32.const 48)))
    (if (i32.ge_s (local.get $previous) (i32.const 0)) (then (return)))
    (call $count (i32.add (local.get $counters) (i32.const 56)))
    ;; The dirty victim's line: line base + (tag << s | set).
    (call $emit
      (local.get $index)
      (i64.add
        (i64.load offset=64 (local.get $record))
        (i64.or
          (i64.shl
            (i64.extend_i32_u (i32.and (local.get $previous) (i32.const 0x7fffffff)))
            (local.get $shift))
          (i64.and (local.get $line) (i64.load offset=56 (local.get $record)))))
      (global.get $OP_WRITE_BACK)))

  ;; $probe on compact tags: touches `tag` in the set of `ways` u32 tags at `base` (dirty when
  ;; `store` or when it already was) and returns $HIT, or on a miss the dropped tag (-1: the set
  ;; had room). The scan reads whole vectors (up to three tags past the set: a match there is past
  ;; `ways` and counts as a miss).
  (func $probeCompact (param $base i32) (param $ways i32) (param $tag i32) (param $store i32) (result i32)
    (local $dirtyTag i32) (local $front i32) (local $previous i32) (local $tagBits v128)
    (local $at i32) (local $end i32) (local $stop i32) (local $matches i32) (local $position i32)
    (local $move i32)
    (local.set $dirtyTag (i32.or (local.get $tag) (i32.const 0x80000000)))
    (local.set $front (i32.load (local.get $base)))
    (if (i32.eq (local.get $front) (local.get $tag))
      (then
        (if (local.get $store) (then (i32.store (local.get $base) (local.get $dirtyTag))))
        (return (global.get $HIT))))
    (if (i32.eq (local.get $front) (local.get $dirtyTag)) (then (return (global.get $HIT))))
    (local.set $tagBits (i32x4.splat (local.get $tag)))
    (local.set $end (i32.add (local.get $base) (i32.shl (local.get $ways) (i32.const 2))))
    (local.set $at (local.get $base))
    (block $scanned
      (loop $scan
        (local.set $matches
          (i32x4.bitmask
            (i32x4.eq
              (v128.and (v128.load (local.get $at)) (v128.const i32x4 0x7fffffff 0x7fffffff 0x7fffffff 0x7fffffff))
              (local.get $tagBits))))
        (br_if $scanned (local.get $matches))
        (local.set $at (i32.add (local.get $at) (i32.const 16)))
        (br_if $scan (i32.lt_u (local.get $at) (local.get $end)))))
    (local.set $position
      (i32.add (i32.sub (local.get $at) (local.get $base)) (i32.shl (i32.ctz (local.get $matches)) (i32.const 2))))
    (if (i32.lt_u (local.get $position) (i32.shl (local.get $ways) (i32.const 2)))
      (then
        (local.set $previous (global.get $HIT))
        (local.set $front
          (select (local.get $dirtyTag) (local.get $tag)
            (i32.or
              (local.get $store)
              (i32.shr_u (i32.load (i32.add (local.get $base) (local.get $position))) (i32.const 31)))))
        (local.set $move (i32.shr_u (local.get $position) (i32.const 2))))
      (else
        (local.set $previous (i32.load (i32.sub (local.get $end) (i32.const 4))))
        (local.set $front (select (local.get $dirtyTag) (local.get $tag) (local.get $store)))
        (local.set $move (i32.sub (local.get $ways) (i32.const 1)))))
    ;; Ways 0 … move - 1 go up one, as in $drainCompact.
    (local.set $at (i32.add (local.get $base) (i32.shl (local.get $move) (i32.const 2))))
    (local.set $stop (i32.sub (local.get $at) (i32.shl (i32.and (local.get $move) (i32.const 3)) (i32.const 2))))
    (block $oddDone
      (loop $odd
        (br_if $oddDone (i32.le_u (local.get $at) (local.get $stop)))
        (local.set $at (i32.sub (local.get $at) (i32.const 4)))
        (i32.store offset=4 (local.get $at) (i32.load (local.get $at)))
        (br $odd)))
    (block $shifted
      (loop $vectorShift
        (br_if $shifted (i32.le_u (local.get $at) (local.get $base)))
        (local.set $at (i32.sub (local.get $at) (i32.const 16)))
        (v128.store offset=4 (local.get $at) (v128.load (local.get $at)))
        (br $vectorShift)))
    (i32.store (local.get $base) (local.get $front))
    (local.get $previous))

  ;; The stream of level `next` is full: drain it, or hand it to the other thread when the other
  ;; thread runs that level (the header's boundary).
  (func $pass (param $next i32)
    (if (i32.eq (local.get $next) (i32.load offset=28 (global.get $header)))
      (then (call $publish))
      (else (call $drainLevel (local.get $next)))))

  ;; Pipelined engine, producer side: hands the boundary level's stream (non-empty; the level's own
  ;; stream, as in the single-threaded engine) to the consumer thread. It waits until the ring's
  ;; current segment is free ($awaitFree), copies the stream into it (memory.copy: the copy's stores
  ;; to lines the consumer read last time around take their ownership misses together, where
  ;; stores scattered through the probes each stalled), then publishes it and empties the stream.
  ;; The ring block (header slot 48) holds: +0 segments published, +64 segments consumed (each on
  ;; its own host cache line, written by one thread), +136 segment count, +140 / +144 where segment
  ;; 0's lines and ops start (segment j: + j × capacity entries), +148 the segment to fill next,
  ;; +192 each segment's length.
  (func $publish
    (local $ring i32) (local $record i32) (local $published i32) (local $segment i32)
    (local $capacity i32) (local $length i32)
    (call $awaitFree)
    ;; Everything is read after the wait: Node 20's V8 (11.3) returned a local held across
    ;; memory.atomic.wait32 in this function changed (the stream length read before a wait was 0
    ;; after it, and the stream was lost; the pipelined differential test caught it).
    (local.set $ring (i32.load offset=48 (global.get $header)))
    (local.set $record (call $record (i32.load offset=28 (global.get $header))))
    (local.set $segment (i32.load offset=148 (local.get $ring)))
    (local.set $capacity (i32.load offset=12 (global.get $header)))
    (local.set $length (i32.load offset=36 (local.get $record)))
    (memory.copy
      (i32.add
        (i32.load offset=140 (local.get $ring))
        (i32.shl (i32.mul (local.get $segment) (local.get $capacity)) (i32.const 3)))
      (i32.load offset=28 (local.get $record))
      (i32.shl (local.get $length) (i32.const 3)))
    (memory.copy
      (i32.add (i32.load offset=144 (local.get $ring)) (i32.mul (local.get $segment) (local.get $capacity)))
      (i32.load offset=32 (local.get $record))
      (local.get $length))
    (i32.store offset=192
      (i32.add (local.get $ring) (i32.shl (local.get $segment) (i32.const 2)))
      (local.get $length))
    (local.set $published (i32.add (i32.atomic.load (local.get $ring)) (i32.const 1)))
    (i32.atomic.store (local.get $ring) (local.get $published))
    (drop (memory.atomic.notify (local.get $ring) (i32.const 1)))
    (local.set $segment (i32.add (local.get $segment) (i32.const 1)))
    (if (i32.eq (local.get $segment) (i32.load offset=136 (local.get $ring)))
      (then (local.set $segment (i32.const 0))))
    (i32.store offset=148 (local.get $ring) (local.get $segment))
    (i32.store offset=36 (local.get $record) (i32.const 0)))

  ;; Pipelined engine, producer side: returns when the ring's current segment is free (fewer
  ;; segments published than consumed plus the segment count), spinning briefly, then sleeping in
  ;; memory.atomic.wait32; traps when the consumer failed (the caller reports it).
  (func $awaitFree
    (local $ring i32) (local $published i32) (local $consumed i32) (local $spins i32)
    (local.set $ring (i32.load offset=48 (global.get $header)))
    (local.set $published (i32.atomic.load (local.get $ring)))
    (block $free
      (loop $wait
        (local.set $consumed (i32.atomic.load offset=64 (local.get $ring)))
        (br_if $free
          (i32.lt_s
            (i32.sub (local.get $published) (local.get $consumed))
            (i32.load offset=136 (local.get $ring))))
        ;; The consumer failed (+132 set).
        (if (i32.atomic.load offset=132 (local.get $ring)) (then (unreachable)))
        (local.set $spins (i32.add (local.get $spins) (i32.const 1)))
        (if (i32.gt_u (local.get $spins) (global.get $SPINS))
          (then
            ;; At most 0.1 s, then the failed flag is checked again.
            (drop
              (memory.atomic.wait32 offset=64
                (local.get $ring) (local.get $consumed) (i64.const 100000000)))
            (local.set $ring (i32.load offset=48 (global.get $header)))
            (local.set $published (i32.atomic.load (local.get $ring)))))
        (br $wait))))

  ;; Pipelined engine, producer side, at the end of a batch: publishes what the boundary level's
  ;; stream holds (the caller then waits until every published segment is consumed).
  (func (export "finish")
    (if (i32.load offset=36 (call $record (i32.load offset=28 (global.get $header))))
      (then (call $publish))))

  ;; Pipelined engine, consumer side: runs level `index` (the boundary) over ring segment `segment`,
  ;; and every level below it, as $drain does.
  (func (export "consume") (param $index i32) (param $segment i32)
    (local $ring i32) (local $record i32) (local $capacity i32)
    (local.set $ring (i32.load offset=48 (global.get $header)))
    (local.set $record (call $record (local.get $index)))
    (local.set $capacity (i32.load offset=12 (global.get $header)))
    (i32.store offset=28 (local.get $record)
      (i32.add
        (i32.load offset=140 (local.get $ring))
        (i32.shl (i32.mul (local.get $segment) (local.get $capacity)) (i32.const 3))))
    (i32.store offset=32 (local.get $record)
      (i32.add (i32.load offset=144 (local.get $ring)) (i32.mul (local.get $segment) (local.get $capacity))))
    (i32.store offset=36 (local.get $record)
      (i32.load offset=192 (i32.add (local.get $ring) (i32.shl (local.get $segment) (i32.const 2)))))
    (call $drainLevel (local.get $index)))

  ;; Runs level `index` over its whole stream, in blocks: first (when the level's tags are large) a
  ;; touch pass that loads the first and last tag of each request's set (independent loads, so the
  ;; host overlaps their cache misses), then the probes — $probe and $shift written out inline, a
  ;; call per request costs more than the vector work — appending fills and dirty victims to the
  ;; stream below (drained whenever it is nearly full, and at the end).
  (func $drain (param $index i32)
    (local $record i32) (local $length i32) (local $lines i32) (local $ops i32) (local $ways i32)
    (local $waysBytes i32) (local $tags i32) (local $mask i64) (local $sets i64) (local $touch i32)
    (local $next i32) (local $nextRecord i32) (local $outLines i32)
    (local $outOps i32) (local $out i32) (local $capacity i32) (local $blockStart i32) (local $blockEnd i32)
    (local $i i32) (local $line i64) (local $op i32) (local $store i32) (local $previous f64)
    (local $victimDirty i32) (local $base i32) (local $sink i64)
    (local $clean f64) (local $dirty f64) (local $front f64) (local $found f64)
    (local $cleanBits v128) (local $dirtyBits v128) (local $vector v128)
    (local $at i32) (local $end i32) (local $matches i32) (local $position i32) (local $shift i32)
    (local $empties i32) (local $writeBacks i32) (local $memoryAccesses i32)
    (local $v0 v128) (local $v1 v128) (local $v2 v128) (local $v3 v128)
    (local $v4 v128) (local $v5 v128) (local $v6 v128) (local $v7 v128)
    (local.set $record (call $record (local.get $index)))
    (call $clearCounts (local.get $record))
    (local.set $length (i32.load offset=36 (local.get $record)))
    (i32.store offset=36 (local.get $record) (i32.const 0))
    (local.set $lines (i32.load offset=28 (local.get $record)))
    (local.set $ops (i32.load offset=32 (local.get $record)))
    (local.set $tags (i32.load (local.get $record)))
    (local.set $ways (i32.load offset=4 (local.get $record)))
    (local.set $waysBytes (i32.shl (local.get $ways) (i32.const 3)))
    (local.set $mask (i64.load offset=8 (local.get $record)))
    (local.set $sets (i64.load offset=16 (local.get $record)))
    (local.set $touch (i32.load offset=44 (local.get $record)))
    (local.set $next (i32.load offset=24 (local.get $record)))
    (local.set $capacity (i32.load offset=12 (global.get $header)))
    (if (i32.ge_s (local.get $next) (i32.const 0))
      (then
        (local.set $nextRecord (call $record (local.get $next)))
        (local.set $outLines (i32.load offset=28 (local.get $nextRecord)))
        (local.set $outOps (i32.load offset=32 (local.get $nextRecord)))
        (local.set $out (i32.load offset=36 (local.get $nextRecord)))))
    (block $blocksDone
      (loop $block
        (br_if $blocksDone (i32.ge_u (local.get $blockStart) (local.get $length)))
        (local.set $blockEnd (i32.add (local.get $blockStart) (global.get $TOUCH_BLOCK)))
        (if (i32.gt_u (local.get $blockEnd) (local.get $length))
          (then (local.set $blockEnd (local.get $length))))
        ;; Room below for the block ($makeRoom).
        (if (i32.ge_s (local.get $next) (i32.const 0))
          (then
            (i32.store offset=36 (local.get $nextRecord) (local.get $out))
            (local.set $blockEnd
              (call $makeRoom (local.get $next) (local.get $blockStart) (local.get $blockEnd)))
            (local.set $outLines (i32.load offset=28 (local.get $nextRecord)))
            (local.set $outOps (i32.load offset=32 (local.get $nextRecord)))
            (local.set $out (i32.load offset=36 (local.get $nextRecord)))))
        (if (local.get $touch)
          (then
            (local.set $i (local.get $blockStart))
            (loop $touchSet
              (local.set $line (i64.load (i32.add (local.get $lines) (i32.shl (local.get $i) (i32.const 3)))))
              (local.set $base
                (i32.add
                  (local.get $tags)
                  (i32.mul
                    (i32.wrap_i64
                      (if (result i64) (i64.ge_s (local.get $mask) (i64.const 0))
                        (then (i64.and (local.get $line) (local.get $mask)))
                        (else (i64.rem_u (local.get $line) (local.get $sets)))))
                    (local.get $waysBytes))))
              (local.set $sink
                (i64.xor
                  (local.get $sink)
                  (i64.xor
                    (i64.load (local.get $base))
                    (i64.load offset=0 (i32.sub (i32.add (local.get $base) (local.get $waysBytes)) (i32.const 8))))))
              (local.set $i (i32.add (local.get $i) (i32.const 1)))
              (br_if $touchSet (i32.lt_u (local.get $i) (local.get $blockEnd))))))
        (local.set $i (local.get $blockStart))
        (loop $request
          (local.set $line (i64.load (i32.add (local.get $lines) (i32.shl (local.get $i) (i32.const 3)))))
          (local.set $op (i32.load8_u (i32.add (local.get $ops) (local.get $i))))
          (local.set $store (i32.ge_u (local.get $op) (i32.const 3)))
          (local.set $at (i32.add (local.get $record) (i32.shl (local.get $op) (i32.const 2))))
          (i32.store offset=128 (local.get $at) (i32.add (i32.load offset=128 (local.get $at)) (i32.const 1)))
          (local.set $base
            (i32.add
              (local.get $tags)
              (i32.mul
                (i32.wrap_i64
                  (if (result i64) (i64.ge_s (local.get $mask) (i64.const 0))
                    (then (i64.and (local.get $line) (local.get $mask)))
                    (else (i64.rem_u (local.get $line) (local.get $sets)))))
                (local.get $waysBytes))))
          ;; The probe ($probe's contract): $previous is +inf on a hit, else the dropped tag.
          (local.set $previous (f64.const inf))
          (local.set $clean (f64.convert_i64_s (local.get $line)))
          (local.set $dirty (f64.sub (f64.neg (local.get $clean)) (f64.const 2)))
          (local.set $front (f64.load (local.get $base)))
          (block $probed
            (if (f64.eq (local.get $front) (local.get $clean))
              (then
                (if (local.get $store) (then (f64.store (local.get $base) (local.get $dirty))))
                (br $probed)))
            (br_if $probed (f64.eq (local.get $front) (local.get $dirty)))
            (local.set $cleanBits (i64x2.splat (i64.reinterpret_f64 (local.get $clean))))
            (local.set $dirtyBits (i64x2.splat (i64.reinterpret_f64 (local.get $dirty))))
            (local.set $end (i32.add (local.get $base) (local.get $waysBytes)))
            (block $scanned
              ;; 16 and 8 ways (the usual caches): all vectors loaded and compared without a loop;
              ;; a miss shifts them from registers (the last one's low lane alone, so the next
              ;; set is untouched) and is done; a hit goes on below with $at at the set's start.
              (if (i32.eq (local.get $ways) (i32.const 16))
                (then
                (local.set $v0 (v128.load offset=0 (local.get $base)))
                (local.set $v1 (v128.load offset=16 (local.get $base)))
                (local.set $v2 (v128.load offset=32 (local.get $base)))
                (local.set $v3 (v128.load offset=48 (local.get $base)))
                (local.set $v4 (v128.load offset=64 (local.get $base)))
                (local.set $v5 (v128.load offset=80 (local.get $base)))
                (local.set $v6 (v128.load offset=96 (local.get $base)))
                (local.set $v7 (v128.load offset=112 (local.get $base)))
                (local.set $matches (i64x2.bitmask (v128.or (i64x2.eq (local.get $v0) (local.get $cleanBits)) (i64x2.eq (local.get $v0) (local.get $dirtyBits)))))
                (local.set $matches
                  (i32.or (local.get $matches) (i32.shl (i64x2.bitmask (v128.or (i64x2.eq (local.get $v1) (local.get $cleanBits)) (i64x2.eq (local.get $v1) (local.get $dirtyBits)))) (i32.const 2))))
                (local.set $matches
                  (i32.or (local.get $matches) (i32.shl (i64x2.bitmask (v128.or (i64x2.eq (local.get $v2) (local.get $cleanBits)) (i64x2.eq (local.get $v2) (local.get $dirtyBits)))) (i32.const 4))))
                (local.set $matches
                  (i32.or (local.get $matches) (i32.shl (i64x2.bitmask (v128.or (i64x2.eq (local.get $v3) (local.get $cleanBits)) (i64x2.eq (local.get $v3) (local.get $dirtyBits)))) (i32.const 6))))
                (local.set $matches
                  (i32.or (local.get $matches) (i32.shl (i64x2.bitmask (v128.or (i64x2.eq (local.get $v4) (local.get $cleanBits)) (i64x2.eq (local.get $v4) (local.get $dirtyBits)))) (i32.const 8))))
                (local.set $matches
                  (i32.or (local.get $matches) (i32.shl (i64x2.bitmask (v128.or (i64x2.eq (local.get $v5) (local.get $cleanBits)) (i64x2.eq (local.get $v5) (local.get $dirtyBits)))) (i32.const 10))))
                (local.set $matches
                  (i32.or (local.get $matches) (i32.shl (i64x2.bitmask (v128.or (i64x2.eq (local.get $v6) (local.get $cleanBits)) (i64x2.eq (local.get $v6) (local.get $dirtyBits)))) (i32.const 12))))
                (local.set $matches
                  (i32.or (local.get $matches) (i32.shl (i64x2.bitmask (v128.or (i64x2.eq (local.get $v7) (local.get $cleanBits)) (i64x2.eq (local.get $v7) (local.get $dirtyBits)))) (i32.const 14))))
                (if (i32.eqz (local.get $matches))
                  (then
                    (local.set $previous (f64x2.extract_lane 1 (local.get $v7)))
                    (v128.store offset=8 (local.get $base) (local.get $v0))
                    (v128.store offset=24 (local.get $base) (local.get $v1))
                    (v128.store offset=40 (local.get $base) (local.get $v2))
                    (v128.store offset=56 (local.get $base) (local.get $v3))
                    (v128.store offset=72 (local.get $base) (local.get $v4))
                    (v128.store offset=88 (local.get $base) (local.get $v5))
                    (v128.store offset=104 (local.get $base) (local.get $v6))
                    (v128.store64_lane offset=120 0 (local.get $base) (local.get $v7))
                    (f64.store (local.get $base) (select (local.get $dirty) (local.get $clean) (local.get $store)))
                    (br $probed)))
                (local.set $at (local.get $base))
                (br $scanned)))
              (if (i32.eq (local.get $ways) (i32.const 8))
                (then
                (local.set $v0 (v128.load offset=0 (local.get $base)))
                (local.set $v1 (v128.load offset=16 (local.get $base)))
                (local.set $v2 (v128.load offset=32 (local.get $base)))
                (local.set $v3 (v128.load offset=48 (local.get $base)))
                (local.set $matches (i64x2.bitmask (v128.or (i64x2.eq (local.get $v0) (local.get $cleanBits)) (i64x2.eq (local.get $v0) (local.get $dirtyBits)))))
                (local.set $matches
                  (i32.or (local.get $matches) (i32.shl (i64x2.bitmask (v128.or (i64x2.eq (local.get $v1) (local.get $cleanBits)) (i64x2.eq (local.get $v1) (local.get $dirtyBits)))) (i32.const 2))))
                (local.set $matches
                  (i32.or (local.get $matches) (i32.shl (i64x2.bitmask (v128.or (i64x2.eq (local.get $v2) (local.get $cleanBits)) (i64x2.eq (local.get $v2) (local.get $dirtyBits)))) (i32.const 4))))
                (local.set $matches
                  (i32.or (local.get $matches) (i32.shl (i64x2.bitmask (v128.or (i64x2.eq (local.get $v3) (local.get $cleanBits)) (i64x2.eq (local.get $v3) (local.get $dirtyBits)))) (i32.const 6))))
                (if (i32.eqz (local.get $matches))
                  (then
                    (local.set $previous (f64x2.extract_lane 1 (local.get $v3)))
                    (v128.store offset=8 (local.get $base) (local.get $v0))
                    (v128.store offset=24 (local.get $base) (local.get $v1))
                    (v128.store offset=40 (local.get $base) (local.get $v2))
                    (v128.store64_lane offset=56 0 (local.get $base) (local.get $v3))
                    (f64.store (local.get $base) (select (local.get $dirty) (local.get $clean) (local.get $store)))
                    (br $probed)))
                (local.set $at (local.get $base))
                (br $scanned)))
              ;; Other way counts: a loop over the vectors, stopping at the first match.
              (local.set $at (local.get $base))
              (loop $scan
                (local.set $vector (v128.load (local.get $at)))
                (local.set $matches
                  (i64x2.bitmask
                    (v128.or
                      (i64x2.eq (local.get $vector) (local.get $cleanBits))
                      (i64x2.eq (local.get $vector) (local.get $dirtyBits)))))
                (br_if $scanned (local.get $matches))
                (local.set $at (i32.add (local.get $at) (i32.const 16)))
                (br_if $scan (i32.lt_u (local.get $at) (local.get $end)))))
            ;; Byte offset of the first match in the set ($at: its vector); with no match,
            ;; ctz(0) = 32 puts it past the end.
            (local.set $position
              (i32.add
                (i32.sub (local.get $at) (local.get $base))
                (i32.shl (i32.ctz (local.get $matches)) (i32.const 3))))
            (if (i32.lt_u (local.get $position) (local.get $waysBytes))
              (then
                ;; Hit at way position / 8 (>= 1): ways 0 … position / 8 - 1 move down one.
                (local.set $found (f64.load (i32.add (local.get $base) (local.get $position))))
                (local.set $front
                  (select (local.get $dirty) (local.get $clean)
                    (i32.or (local.get $store) (f64.eq (local.get $found) (local.get $dirty)))))
                (local.set $shift (i32.shr_u (local.get $position) (i32.const 3))))
              (else
                ;; Miss: the last way is dropped, the others move down one.
                (local.set $previous (f64.load (i32.sub (local.get $end) (i32.const 8))))
                (local.set $front (select (local.get $dirty) (local.get $clean) (local.get $store)))
                (local.set $shift (i32.sub (local.get $ways) (i32.const 1)))))
            ;; $shift inline: the odd way, then whole vectors from the highest down.
            (if (i32.and (local.get $shift) (i32.const 1))
              (then
                (local.set $at
                  (i32.add (local.get $base) (i32.shl (i32.sub (local.get $shift) (i32.const 1)) (i32.const 3))))
                (f64.store offset=8 (local.get $at) (f64.load (local.get $at)))))
            (local.set $at
              (i32.add (local.get $base) (i32.shl (i32.shr_u (local.get $shift) (i32.const 1)) (i32.const 4))))
            (block $shifted
              (loop $vectorShift
                (br_if $shifted (i32.le_u (local.get $at) (local.get $base)))
                (local.set $at (i32.sub (local.get $at) (i32.const 16)))
                (v128.store offset=8 (local.get $at) (v128.load (local.get $at)))
                (br $vectorShift)))
            (f64.store (local.get $base) (local.get $front)))
          (if (f64.ne (local.get $previous) (f64.const inf))
            (then
              (local.set $at (i32.add (local.get $record) (i32.shl (local.get $op) (i32.const 2))))
              (i32.store offset=160 (local.get $at) (i32.add (i32.load offset=160 (local.get $at)) (i32.const 1)))
              (local.set $victimDirty (f64.lt (local.get $previous) (f64.const -1)))
              (local.set $empties
                (i32.add (local.get $empties) (f64.eq (local.get $previous) (f64.const -1))))
              (local.set $writeBacks (i32.add (local.get $writeBacks) (local.get $victimDirty)))
              ;; A fill goes on down (a top-level store's as a write fill, op & 3); a written-back
              ;; line is installed without a fetch. Both entries are written and kept by their
              ;; flags (no branch on the random victim).
              (if (i32.ge_s (local.get $next) (i32.const 0))
                (then
                  (i64.store
                    (i32.add (local.get $outLines) (i32.shl (local.get $out) (i32.const 3)))
                    (local.get $line))
                  (i32.store8
                    (i32.add (local.get $outOps) (local.get $out))
                    (i32.and (local.get $op) (i32.const 3)))
                  (local.set $out
                    (i32.add (local.get $out) (i32.ne (local.get $op) (global.get $OP_WRITE_BACK))))
                  (i64.store
                    (i32.add (local.get $outLines) (i32.shl (local.get $out) (i32.const 3)))
                    (i64.trunc_sat_f64_s (f64.sub (f64.neg (local.get $previous)) (f64.const 2))))
                  (i32.store8
                    (i32.add (local.get $outOps) (local.get $out))
                    (global.get $OP_WRITE_BACK))
                  (local.set $out (i32.add (local.get $out) (local.get $victimDirty))))
                (else
                  (local.set $memoryAccesses
                    (i32.add
                      (local.get $memoryAccesses)
                      (i32.add
                        (i32.ne (local.get $op) (global.get $OP_WRITE_BACK))
                        (local.get $victimDirty))))))))
          (local.set $i (i32.add (local.get $i) (i32.const 1)))
          (br_if $request (i32.lt_u (local.get $i) (local.get $blockEnd))))
        (local.set $blockStart (local.get $blockEnd))
        (br $block)))
    (call $addCounts
      (local.get $record) (local.get $length) (local.get $empties) (local.get $writeBacks)
      (local.get $memoryAccesses))
    (i64.store offset=40 (global.get $header) (i64.xor (i64.load offset=40 (global.get $header)) (local.get $sink)))
    (if (i32.ge_s (local.get $next) (i32.const 0))
      (then
        (i32.store offset=36 (local.get $nextRecord) (local.get $out))
        ;; The stream below is drained too, unless the other thread runs that level: then what
        ;; is left stays in the current ring segment until it fills or the batch ends.
        (if (i32.and
              (i32.ne (local.get $out) (i32.const 0))
              (i32.ne (local.get $next) (i32.load offset=28 (global.get $header))))
          (then (call $drainLevel (local.get $next)))))))

  ;; Drains level `index` with the tags of the current mode (the header's window).
  (func $drainLevel (param $index i32)
    (if (i32.eqz (i32.load offset=52 (call $record (local.get $index))))
      (then (call $drain (local.get $index)))
      (else (call $drainCompact (local.get $index)))))

  ;; $drain on compact tags (u32 per way, see the top of this file): the same blocks, touch pass,
  ;; counters and streams; the scan masks off the dirty bit and compares four ways per i32x4.eq,
  ;; whose results are narrowed to one bitmask (16 and 8 ways without a loop, as in $drain).
  (func $drainCompact (param $index i32)
    (local $record i32) (local $length i32) (local $lines i32) (local $ops i32) (local $ways i32)
    (local $waysBytes i32) (local $tags i32) (local $mask i64) (local $sets i64) (local $touch i32)
    (local $next i32) (local $nextRecord i32) (local $outLines i32)
    (local $outOps i32) (local $out i32) (local $blockStart i32) (local $blockEnd i32)
    (local $i i32) (local $line i64) (local $op i32) (local $store i32) (local $previous i32)
    (local $victimDirty i32) (local $base i32) (local $sink i64)
    (local $lineBase i64) (local $setShift i64) (local $lowMask i64)
    (local $tag i32) (local $dirtyTag i32) (local $front i32) (local $found i32) (local $move i32)
    (local $keep v128) (local $tagBits v128)
    (local $at i32) (local $stop i32) (local $end i32) (local $matches i32) (local $position i32)
    (local $empties i32) (local $writeBacks i32) (local $memoryAccesses i32) (local $capacity i32)
    (local $v0 v128) (local $v1 v128) (local $v2 v128) (local $v3 v128)
    (local.set $record (call $record (local.get $index)))
    (call $clearCounts (local.get $record))
    (local.set $length (i32.load offset=36 (local.get $record)))
    (i32.store offset=36 (local.get $record) (i32.const 0))
    (local.set $lines (i32.load offset=28 (local.get $record)))
    (local.set $ops (i32.load offset=32 (local.get $record)))
    (local.set $tags (i32.load (local.get $record)))
    (local.set $ways (i32.load offset=4 (local.get $record)))
    (local.set $waysBytes (i32.shl (local.get $ways) (i32.const 2)))
    (local.set $mask (i64.load offset=8 (local.get $record)))
    (local.set $sets (i64.load offset=16 (local.get $record)))
    (local.set $touch (i32.load offset=44 (local.get $record)))
    (local.set $setShift (i64.extend_i32_u (i32.load offset=48 (local.get $record))))
    (local.set $lowMask (i64.load offset=56 (local.get $record)))
    (local.set $lineBase (i64.load offset=64 (local.get $record)))
    (local.set $keep (v128.const i32x4 0x7fffffff 0x7fffffff 0x7fffffff 0x7fffffff))
    (local.set $next (i32.load offset=24 (local.get $record)))
    (local.set $capacity (i32.load offset=12 (global.get $header)))
    (if (i32.ge_s (local.get $next) (i32.const 0))
      (then
        (local.set $nextRecord (call $record (local.get $next)))
        (local.set $outLines (i32.load offset=28 (local.get $nextRecord)))
        (local.set $outOps (i32.load offset=32 (local.get $nextRecord)))
        (local.set $out (i32.load offset=36 (local.get $nextRecord)))))
    (block $blocksDone
      (loop $block
        (br_if $blocksDone (i32.ge_u (local.get $blockStart) (local.get $length)))
        (local.set $blockEnd (i32.add (local.get $blockStart) (global.get $TOUCH_BLOCK)))
        (if (i32.gt_u (local.get $blockEnd) (local.get $length))
          (then (local.set $blockEnd (local.get $length))))
        ;; Room below for the block ($makeRoom).
        (if (i32.ge_s (local.get $next) (i32.const 0))
          (then
            (i32.store offset=36 (local.get $nextRecord) (local.get $out))
            (local.set $blockEnd
              (call $makeRoom (local.get $next) (local.get $blockStart) (local.get $blockEnd)))
            (local.set $outLines (i32.load offset=28 (local.get $nextRecord)))
            (local.set $outOps (i32.load offset=32 (local.get $nextRecord)))
            (local.set $out (i32.load offset=36 (local.get $nextRecord)))))
        (if (local.get $touch)
          (then
            (local.set $i (local.get $blockStart))
            (loop $touchSet
              (local.set $line (i64.load (i32.add (local.get $lines) (i32.shl (local.get $i) (i32.const 3)))))
              (local.set $base
                (i32.add
                  (local.get $tags)
                  (i32.mul
                    (i32.wrap_i64
                      (if (result i64) (i64.ge_s (local.get $mask) (i64.const 0))
                        (then (i64.and (local.get $line) (local.get $mask)))
                        (else (i64.rem_u (local.get $line) (local.get $sets)))))
                    (local.get $waysBytes))))
              (local.set $sink
                (i64.xor
                  (local.get $sink)
                  (i64.extend_i32_u
                    (i32.xor
                      (i32.load (local.get $base))
                      (i32.load (i32.sub (i32.add (local.get $base) (local.get $waysBytes)) (i32.const 4)))))))
              (local.set $i (i32.add (local.get $i) (i32.const 1)))
              (br_if $touchSet (i32.lt_u (local.get $i) (local.get $blockEnd))))))
        (local.set $i (local.get $blockStart))
        (loop $request
          (local.set $line (i64.load (i32.add (local.get $lines) (i32.shl (local.get $i) (i32.const 3)))))
          (local.set $op (i32.load8_u (i32.add (local.get $ops) (local.get $i))))
          (local.set $store (i32.ge_u (local.get $op) (i32.const 3)))
          (local.set $at (i32.add (local.get $record) (i32.shl (local.get $op) (i32.const 2))))
          (i32.store offset=128 (local.get $at) (i32.add (i32.load offset=128 (local.get $at)) (i32.const 1)))
          (local.set $base
            (i32.add
              (local.get $tags)
              (i32.mul
                (i32.wrap_i64
                  (if (result i64) (i64.ge_s (local.get $mask) (i64.const 0))
                    (then (i64.and (local.get $line) (local.get $mask)))
                    (else (i64.rem_u (local.get $line) (local.get $sets)))))
                (local.get $waysBytes))))
          (local.set $tag
            (i32.wrap_i64 (i64.shr_u (i64.sub (local.get $line) (local.get $lineBase)) (local.get $setShift))))
          (local.set $dirtyTag (i32.or (local.get $tag) (i32.const 0x80000000)))
          ;; The probe: $previous stays $HIT on a hit, else it is the dropped way (-1: it was empty).
          (local.set $previous (global.get $HIT))
          (local.set $front (i32.load (local.get $base)))
          (block $probed
            (if (i32.eq (local.get $front) (local.get $tag))
              (then
                (if (local.get $store) (then (i32.store (local.get $base) (local.get $dirtyTag))))
                (br $probed)))
            (br_if $probed (i32.eq (local.get $front) (local.get $dirtyTag)))
            (local.set $tagBits (i32x4.splat (local.get $tag)))
            (local.set $end (i32.add (local.get $base) (local.get $waysBytes)))
            (block $scanned
              ;; 16 and 8 ways: every vector loaded and compared without a loop; a miss stores them
              ;; 4 bytes up (the last one's three low lanes alone, so the next set is untouched).
              (if (i32.eq (local.get $ways) (i32.const 16))
                (then
                  (local.set $v0 (v128.load offset=0 (local.get $base)))
                  (local.set $v1 (v128.load offset=16 (local.get $base)))
                  (local.set $v2 (v128.load offset=32 (local.get $base)))
                  (local.set $v3 (v128.load offset=48 (local.get $base)))
                  (local.set $matches
                    (i8x16.bitmask
                      (i8x16.narrow_i16x8_s
                        (i16x8.narrow_i32x4_s
                          (i32x4.eq (v128.and (local.get $v0) (local.get $keep)) (local.get $tagBits))
                          (i32x4.eq (v128.and (local.get $v1) (local.get $keep)) (local.get $tagBits)))
                        (i16x8.narrow_i32x4_s
                          (i32x4.eq (v128.and (local.get $v2) (local.get $keep)) (local.get $tagBits))
                          (i32x4.eq (v128.and (local.get $v3) (local.get $keep)) (local.get $tagBits))))))
                  (if (i32.eqz (local.get $matches))
                    (then
                      (local.set $previous (i32x4.extract_lane 3 (local.get $v3)))
                      (v128.store offset=4 (local.get $base) (local.get $v0))
                      (v128.store offset=20 (local.get $base) (local.get $v1))
                      (v128.store offset=36 (local.get $base) (local.get $v2))
                      (v128.store64_lane offset=52 0 (local.get $base) (local.get $v3))
                      (v128.store32_lane offset=60 2 (local.get $base) (local.get $v3))
                      (i32.store (local.get $base) (select (local.get $dirtyTag) (local.get $tag) (local.get $store)))
                      (br $probed)))
                  (local.set $at (local.get $base))
                  (br $scanned)))
              (if (i32.eq (local.get $ways) (i32.const 8))
                (then
                  (local.set $v0 (v128.load offset=0 (local.get $base)))
                  (local.set $v1 (v128.load offset=16 (local.get $base)))
                  (local.set $matches
                    (i16x8.bitmask
                      (i16x8.narrow_i32x4_s
                        (i32x4.eq (v128.and (local.get $v0) (local.get $keep)) (local.get $tagBits))
                        (i32x4.eq (v128.and (local.get $v1) (local.get $keep)) (local.get $tagBits)))))
                  (if (i32.eqz (local.get $matches))
                    (then
                      (local.set $previous (i32x4.extract_lane 3 (local.get $v1)))
                      (v128.store offset=4 (local.get $base) (local.get $v0))
                      (v128.store64_lane offset=20 0 (local.get $base) (local.get $v1))
                      (v128.store32_lane offset=28 2 (local.get $base) (local.get $v1))
                      (i32.store (local.get $base) (select (local.get $dirtyTag) (local.get $tag) (local.get $store)))
                      (br $probed)))
                  (local.set $at (local.get $base))
                  (br $scanned)))
              ;; Other way counts: a loop over the vectors, stopping at the first match.
              (local.set $at (local.get $base))
              (loop $scan
                (local.set $matches
                  (i32x4.bitmask
                    (i32x4.eq (v128.and (v128.load (local.get $at)) (local.get $keep)) (local.get $tagBits))))
                (br_if $scanned (local.get $matches))
                (local.set $at (i32.add (local.get $at) (i32.const 16)))
                (br_if $scan (i32.lt_u (local.get $at) (local.get $end)))))
            ;; Byte offset of the first match in the set ($at: its vector); with no match,
            ;; ctz(0) = 32 puts it past the end.
            (local.set $position
              (i32.add
                (i32.sub (local.get $at) (local.get $base))
                (i32.shl (i32.ctz (local.get $matches)) (i32.const 2))))
            (if (i32.lt_u (local.get $position) (local.get $waysBytes))
              (then
                ;; Hit at way position / 4 (>= 1): ways 0 … position / 4 - 1 move down one.
                (local.set $found (i32.load (i32.add (local.get $base) (local.get $position))))
                (local.set $front
                  (select (local.get $dirtyTag) (local.get $tag)
                    (i32.or (local.get $store) (i32.shr_u (local.get $found) (i32.const 31)))))
                (local.set $move (i32.shr_u (local.get $position) (i32.const 2))))
              (else
                ;; Miss: the last way is dropped, the others move down one.
                (local.set $previous (i32.load (i32.sub (local.get $end) (i32.const 4))))
                (local.set $front (select (local.get $dirtyTag) (local.get $tag) (local.get $store)))
                (local.set $move (i32.sub (local.get $ways) (i32.const 1)))))
            ;; Ways 0 … move - 1 go up one: the top (move mod 4) one by one, then whole vectors
            ;; from the highest down (each 16-byte store lands 4 bytes above its load).
            (local.set $at (i32.add (local.get $base) (i32.shl (local.get $move) (i32.const 2))))
            (local.set $stop
              (i32.sub (local.get $at) (i32.shl (i32.and (local.get $move) (i32.const 3)) (i32.const 2))))
            (block $oddDone
              (loop $odd
                (br_if $oddDone (i32.le_u (local.get $at) (local.get $stop)))
                (local.set $at (i32.sub (local.get $at) (i32.const 4)))
                (i32.store offset=4 (local.get $at) (i32.load (local.get $at)))
                (br $odd)))
            (block $shifted
              (loop $vectorShift
                (br_if $shifted (i32.le_u (local.get $at) (local.get $base)))
                (local.set $at (i32.sub (local.get $at) (i32.const 16)))
                (v128.store offset=4 (local.get $at) (v128.load (local.get $at)))
                (br $vectorShift)))
            (i32.store (local.get $base) (local.get $front)))
          (if (i32.ne (local.get $previous) (global.get $HIT))
            (then
              (local.set $at (i32.add (local.get $record) (i32.shl (local.get $op) (i32.const 2))))
              (i32.store offset=160 (local.get $at) (i32.add (i32.load offset=160 (local.get $at)) (i32.const 1)))
              ;; Dirty: bit 31 set, and not the empty way's all ones.
              (local.set $victimDirty
                (i32.and
                  (i32.lt_s (local.get $previous) (i32.const 0))
                  (i32.ne (local.get $previous) (i32.const -1))))
              (local.set $empties
                (i32.add (local.get $empties) (i32.eq (local.get $previous) (i32.const -1))))
              (local.set $writeBacks (i32.add (local.get $writeBacks) (local.get $victimDirty)))
              ;; As in $drain: both entries written, kept by their flags.
              (if (i32.ge_s (local.get $next) (i32.const 0))
                (then
                  (i64.store
                    (i32.add (local.get $outLines) (i32.shl (local.get $out) (i32.const 3)))
                    (local.get $line))
                  (i32.store8
                    (i32.add (local.get $outOps) (local.get $out))
                    (i32.and (local.get $op) (i32.const 3)))
                  (local.set $out
                    (i32.add (local.get $out) (i32.ne (local.get $op) (global.get $OP_WRITE_BACK))))
                  ;; The victim's line: line base + (tag << s | set).
                  (i64.store
                    (i32.add (local.get $outLines) (i32.shl (local.get $out) (i32.const 3)))
                    (i64.add
                      (local.get $lineBase)
                      (i64.or
                        (i64.shl
                          (i64.extend_i32_u (i32.and (local.get $previous) (i32.const 0x7fffffff)))
                          (local.get $setShift))
                        (i64.and (local.get $line) (local.get $lowMask)))))
                  (i32.store8
                    (i32.add (local.get $outOps) (local.get $out))
                    (global.get $OP_WRITE_BACK))
                  (local.set $out (i32.add (local.get $out) (local.get $victimDirty))))
                (else
                  (local.set $memoryAccesses
                    (i32.add
                      (local.get $memoryAccesses)
                      (i32.add
                        (i32.ne (local.get $op) (global.get $OP_WRITE_BACK))
                        (local.get $victimDirty))))))))
          (local.set $i (i32.add (local.get $i) (i32.const 1)))
          (br_if $request (i32.lt_u (local.get $i) (local.get $blockEnd))))
        (local.set $blockStart (local.get $blockEnd))
        (br $block)))
    (call $addCounts
      (local.get $record) (local.get $length) (local.get $empties) (local.get $writeBacks)
      (local.get $memoryAccesses))
    (i64.store offset=40 (global.get $header) (i64.xor (i64.load offset=40 (global.get $header)) (local.get $sink)))
    (if (i32.ge_s (local.get $next) (i32.const 0))
      (then
        (i32.store offset=36 (local.get $nextRecord) (local.get $out))
        (if (i32.and
              (i32.ne (local.get $out) (i32.const 0))
              (i32.ne (local.get $next) (i32.load offset=28 (global.get $header))))
          (then (call $drainLevel (local.get $next)))))))

  ;; Before a drain's block of requests `blockStart … blockEnd - 1`: makes room for its entries
  ;; (two per request at most) in level `next`'s stream, whose length is stored, by passing the
  ;; stream on when it is too full, and returns the block's end, cut to half a stream if longer.
  (func $makeRoom (param $next i32) (param $blockStart i32) (param $blockEnd i32) (result i32)
    (local $record i32) (local $capacity i32) (local $entries i32)
    (local.set $record (call $record (local.get $next)))
    (local.set $capacity (i32.load offset=12 (global.get $header)))
    (local.set $entries (i32.shl (i32.sub (local.get $blockEnd) (local.get $blockStart)) (i32.const 1)))
    (if (i32.le_u (i32.add (i32.load offset=36 (local.get $record)) (local.get $entries)) (local.get $capacity))
      (then (return (local.get $blockEnd))))
    (call $pass (local.get $next))
    (if (i32.gt_u (local.get $entries) (local.get $capacity))
      (then (return (i32.add (local.get $blockStart) (i32.shr_u (local.get $capacity) (i32.const 1))))))
    (local.get $blockEnd))

  ;; Zeroes level `record`'s requests and misses per stream op (+128, +160: 8 i32 each), which a
  ;; drain counts as it goes.
  (func $clearCounts (param $record i32)
    (v128.store offset=128 (local.get $record) (v128.const i64x2 0 0))
    (v128.store offset=144 (local.get $record) (v128.const i64x2 0 0))
    (v128.store offset=160 (local.get $record) (v128.const i64x2 0 0))
    (v128.store offset=176 (local.get $record) (v128.const i64x2 0 0)))

  ;; Adds what a drain of `length` requests counted to level `record`'s counters: requests and
  ;; misses per op (reads are op 0, fetches op 2, writes the rest: 1, 3, 5), evictions (misses
  ;; that did not fill an empty way), write-backs, and the memory accesses of the last level.
  (func $addCounts (param $record i32) (param $length i32) (param $empties i32) (param $writeBacks i32)
    (param $memoryAccesses i32)
    (local $counters i32) (local $reads i32) (local $fetches i32) (local $readMisses i32)
    (local $fetchMisses i32) (local $misses i32)
    (local.set $counters (i32.load offset=40 (local.get $record)))
    (local.set $reads (i32.load offset=128 (local.get $record)))
    (local.set $fetches (i32.load offset=136 (local.get $record)))
    (local.set $readMisses (i32.load offset=160 (local.get $record)))
    (local.set $fetchMisses (i32.load offset=168 (local.get $record)))
    (local.set $misses
      (i32.add
        (i32.add
          (i32.add (local.get $readMisses) (i32.load offset=164 (local.get $record)))
          (i32.add (local.get $fetchMisses) (i32.load offset=172 (local.get $record))))
        (i32.add (i32.load offset=176 (local.get $record)) (i32.load offset=180 (local.get $record)))))
    ;; Written out rather than eleven calls of $add (V8 does not inline wasm calls; a single
    ;; access runs a drain per level).
    (f64.store offset=0 (local.get $counters)
      (f64.add (f64.load offset=0 (local.get $counters)) (f64.convert_i32_u (local.get $reads))))
    (f64.store offset=8 (local.get $counters)
      (f64.add (f64.load offset=8 (local.get $counters))
        (f64.convert_i32_u (i32.sub (i32.sub (local.get $length) (local.get $reads)) (local.get $fetches)))))
    (f64.store offset=16 (local.get $counters)
      (f64.add (f64.load offset=16 (local.get $counters)) (f64.convert_i32_u (local.get $fetches))))
    (f64.store offset=24 (local.get $counters)
      (f64.add (f64.load offset=24 (local.get $counters)) (f64.convert_i32_u (local.get $readMisses))))
    (f64.store offset=32 (local.get $counters)
      (f64.add (f64.load offset=32 (local.get $counters))
        (f64.convert_i32_u
          (i32.sub (i32.sub (local.get $misses) (local.get $readMisses)) (local.get $fetchMisses)))))
    (f64.store offset=40 (local.get $counters)
      (f64.add (f64.load offset=40 (local.get $counters)) (f64.convert_i32_u (local.get $fetchMisses))))
    (f64.store offset=48 (local.get $counters)
      (f64.add (f64.load offset=48 (local.get $counters))
        (f64.convert_i32_u (i32.sub (local.get $misses) (local.get $empties)))))
    (f64.store offset=56 (local.get $counters)
      (f64.add (f64.load offset=56 (local.get $counters)) (f64.convert_i32_u (local.get $writeBacks))))
    (f64.store offset=32 (global.get $header)
      (f64.add (f64.load offset=32 (global.get $header)) (f64.convert_i32_u (local.get $memoryAccesses)))))

  ;; Simulates the first `count` accesses of the trace columns (with compact tags, up to the first
  ;; one outside the window), then drains every stream in level order, so all levels are up to date
  ;; when it returns; returns how many accesses it simulated. Without an instruction level the accesses
  ;; become L1d's stream (a load as op 0, a store as op 5, a modify as both, a fetch as op 2) and L1d
  ;; drains like any level; with one, I1 and L1d must interleave their requests to L2 in trace order,
  ;; so each line goes through $lookupTop at its top level.
  (func (export "run") (param $count i32) (result i32)
    (local $i i32) (local $address i64) (local $size i32) (local $kind i32) (local $line i64)
    (local $last i64) (local $shift i64) (local $dataTop i32) (local $level i32)
    (local $lineBase i64) (local $window i64)
    (local $addresses i32) (local $sizes i32) (local $kinds i32)
    (local $record i32) (local $lines i32) (local $ops i32) (local $length i32) (local $full i32)
    (local $end i32)
    (local.set $shift (i64.extend_i32_u (i32.load offset=8 (global.get $header))))
    (local.set $dataTop (i32.load offset=4 (global.get $header)))
    (local.set $addresses (i32.load offset=16 (global.get $header)))
    (local.set $sizes (i32.load offset=20 (global.get $header)))
    (local.set $kinds (i32.load offset=24 (global.get $header)))
    (local.set $record (call $record (local.get $dataTop)))
    (local.set $lines (i32.load offset=28 (local.get $record)))
    (local.set $ops (i32.load offset=32 (local.get $record)))
    (local.set $full (i32.sub (i32.load offset=12 (global.get $header)) (i32.const 2)))
    (local.set $lineBase (i64.load offset=64 (global.get $header)))
    (local.set $window (i64.load offset=72 (global.get $header)))
    (block $accessesDone
      (loop $access
        (br_if $accessesDone (i32.ge_u (local.get $i) (local.get $count)))
        (local.set $address
          (i64.trunc_sat_f64_s (f64.load (i32.add (local.get $addresses) (i32.shl (local.get $i) (i32.const 3))))))
        (local.set $size (i32.load (i32.add (local.get $sizes) (i32.shl (local.get $i) (i32.const 2)))))
        (local.set $kind (i32.load8_u (i32.add (local.get $kinds) (local.get $i))))
        (local.set $line (i64.shr_u (local.get $address) (local.get $shift)))
        (local.set $last (local.get $line))
        (if (i32.gt_u (local.get $size) (i32.const 1))
          (then
            (local.set $last
              (i64.shr_u
                (i64.sub (i64.add (local.get $address) (i64.extend_i32_u (local.get $size))) (i64.const 1))
                (local.get $shift)))))
        ;; Compact tags: stop before an access outside the window (the caller widens the tags).
        (if (i64.ne (local.get $window) (i64.const 0))
          (then
            (br_if $accessesDone
              (i32.or
                (i64.ge_u (i64.sub (local.get $line) (local.get $lineBase)) (local.get $window))
                (i64.ge_u (i64.sub (local.get $last) (local.get $lineBase)) (local.get $window))))))
        (loop $lines
          (if (local.get $dataTop)
            (then
              (block $lineDone
                (block $fetch
                  (block $modify
                    (block $store
                      (block $load
                        (br_table $load $store $modify $fetch (local.get $kind)))
                      (call $lookupTop (local.get $dataTop) (local.get $line) (i32.const 0) (i32.const 0))
                      (br $lineDone))
                    (call $lookupTop (local.get $dataTop) (local.get $line) (i32.const 1) (i32.const 1))
                    (br $lineDone))
                  (call $lookupTop (local.get $dataTop) (local.get $line) (i32.const 0) (i32.const 0))
                  (call $lookupTop (local.get $dataTop) (local.get $line) (i32.const 1) (i32.const 1))
                  (br $lineDone))
                (call $lookupTop (i32.const 0) (local.get $line) (i32.const 2) (i32.const 0))))
            (else
              ;; Room for two entries (a modify's), else L1d drains its stream first.
              (if (i32.gt_s (local.get $length) (local.get $full))
                (then
                  (i32.store offset=36 (local.get $record) (local.get $length))
                  (call $drainLevel (local.get $dataTop))
                  (local.set $length (i32.const 0))))
              (i64.store (i32.add (local.get $lines) (i32.shl (local.get $length) (i32.const 3))) (local.get $line))
              (if (i32.eq (local.get $kind) (i32.const 2))
                (then
                  ;; A modify: a load, then a store.
                  (i32.store8 (i32.add (local.get $ops) (local.get $length)) (i32.const 0))
                  (local.set $length (i32.add (local.get $length) (i32.const 1)))
                  (i64.store
                    (i32.add (local.get $lines) (i32.shl (local.get $length) (i32.const 3)))
                    (local.get $line))
                  (i32.store8 (i32.add (local.get $ops) (local.get $length)) (global.get $OP_STORE)))
                (else
                  ;; Load 0 → 0, store 1 → 5, fetch 3 → 2 (kinds above 3 count as fetches, as in JS).
                  (i32.store8
                    (i32.add (local.get $ops) (local.get $length))
                    (i32.add
                      (i32.mul (i32.eq (local.get $kind) (i32.const 1)) (global.get $OP_STORE))
                      (i32.shl (i32.gt_u (local.get $kind) (i32.const 2)) (i32.const 1))))))
              (local.set $length (i32.add (local.get $length) (i32.const 1)))))
          (local.set $line (i64.add (local.get $line) (i64.const 1)))
          (br_if $lines (i64.le_u (local.get $line) (local.get $last))))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $access)))
    (if (i32.eqz (local.get $dataTop))
      (then (i32.store offset=36 (local.get $record) (local.get $length))))
    ;; Levels from the boundary down (if any) belong to the other thread.
    (local.set $end (i32.load offset=28 (global.get $header)))
    (if (i32.lt_s (local.get $end) (i32.const 0))
      (then (local.set $end (i32.load (global.get $header)))))
    (local.set $level (i32.const 0))
    (block $levelsDone
      (loop $level
        (br_if $levelsDone (i32.ge_u (local.get $level) (local.get $end)))
        (if (i32.load offset=36 (call $record (local.get $level)))
          (then (call $drainLevel (local.get $level))))
        (local.set $level (i32.add (local.get $level) (i32.const 1)))
        (br $level)))
    (local.get $i))
)
