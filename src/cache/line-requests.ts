/**
 * How the fast LRU kernels split one access into line requests: every line it touches, in
 * address order; a load reads, a store writes (marking the line dirty), a modify reads then
 * writes, a fetch reads at the instruction top. Shared by `lru-kernel.ts` (access by access)
 * and `lru-stream.ts` (an access its batch loop does not handle inline), so both issue the
 * same requests in the same order.
 */
import { AccessKind } from '../trace/index.js';
import { KIND_FETCH, KIND_READ, KIND_WRITE } from './level.js';

/** Receives the line requests of one access. */
export interface LineRequestSink {
  /**
   * One request: at the fetch top when `fetch`, else at the data top; `statKind` is the
   * statistic kind (KIND_READ, KIND_WRITE, KIND_FETCH), `store` 1 when it dirties the line.
   */
  lineRequest(fetch: boolean, line: number, statKind: number, store: number): void;
}

/**
 * Sends the line requests of the access (`address`, `size`, `kind`) to `sink`, with
 * `invLineBytes` = 1 / line size. Unchecked: addresses and sizes are integers below 2^53.
 */
export function splitIntoLineRequests(
  address: number,
  size: number,
  kind: number,
  invLineBytes: number,
  sink: LineRequestSink,
): void {
  const first = Math.floor(address * invLineBytes);
  const last = size > 1 ? Math.floor((address + size - 1) * invLineBytes) : first;
  for (let line = first; line <= last; line++) {
    switch (kind) {
      case AccessKind.Load:
        sink.lineRequest(false, line, KIND_READ, 0);
        break;
      case AccessKind.Store:
        sink.lineRequest(false, line, KIND_WRITE, 1);
        break;
      case AccessKind.Modify:
        sink.lineRequest(false, line, KIND_READ, 0);
        sink.lineRequest(false, line, KIND_WRITE, 1);
        break;
      default:
        sink.lineRequest(true, line, KIND_FETCH, 0);
    }
  }
}
