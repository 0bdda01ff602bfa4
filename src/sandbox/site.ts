/**
 * Allocation and free sites: the JS stack at malloc/free time, captured by V8 and formatted
 * only when a report needs it (capturing costs about a microsecond; turn it off with
 * `recordSites: false`).
 */

/** Frames of the sandbox itself, of Node and of dependencies: not where the user's program is. */
const INTERNAL_FRAME =
  /[/\\](?:src|dist)[/\\]sandbox[/\\](?!examples)[^/\\]+(?<!\.test)\.[jt]s|node:internal|node_modules/;
/** Frames shown per site (ASan's malloc_context_size defaults to 30; 8 keep reports short). */
const MAX_SITE_FRAMES = 8;

/** A captured call stack. `text` formats it once, without the sandbox's own frames. */
export class CallSite {
  private readonly holder: { stack?: string };

  constructor() {
    this.holder = {};
    Error.captureStackTrace(this.holder, CallSite);
  }

  /** The stack as `at …` lines, outermost last, sandbox-internal frames removed. */
  get text(): string {
    const lines = (this.holder.stack ?? '').split('\n').slice(1);
    const outside = lines.filter((line) => !INTERNAL_FRAME.test(line));
    return (outside.length > 0 ? outside : lines)
      .slice(0, MAX_SITE_FRAMES)
      .map((line) => line.trim())
      .join('\n');
  }
}
