/**
 * A slow, obviously-correct model of the cache hierarchy, for differential tests only: plain
 * arrays of `{ line, dirty }` objects, policies as lists, recursion straight from the request
 * table in `general-path.ts`. Shares no code with the simulator except `Random` (so that the
 * random policy draws the same numbers) and the public types.
 */
import { AccessKind } from '../trace/index.js';
import { Random } from '../util/index.js';
import type { HierarchyConfig, HierarchyStats, LevelConfig, LevelStats } from './types.js';

type Op = 'read' | 'write' | 'fetch' | 'rfo' | 'writeback' | 'victim';
type Entry = { line: number; dirty: boolean } | null;

/** One replacement policy over one set, as the textbook describes it. */
interface RefPolicy {
  touch(way: number): void;
  fill(way: number): void;
  victim(): number;
}

function makePolicy(name: string, ways: number, random: Random): RefPolicy {
  if (name === 'lru' || name === 'fifo') {
    // Ways in order of last use (LRU) or of filling (FIFO): the victim is the first.
    const order: number[] = [];
    const moveToBack = (way: number) => {
      const at = order.indexOf(way);
      if (at >= 0) order.splice(at, 1);
      order.push(way);
    };
    return {
      touch: (way) => {
        if (name === 'lru') moveToBack(way);
      },
      fill: moveToBack,
      victim: () => order[0]!,
    };
  }
  if (name === 'random') return { touch: () => {}, fill: () => {}, victim: () => random.below(ways) };
  if (name === 'plru') {
    // A full binary tree over [0, ways): each inner node says which half holds the victim.
    const pointsRight = new Map<string, boolean>();
    const mark = (way: number) => {
      let lo = 0;
      let hi = ways;
      while (hi - lo > 1) {
        const mid = (lo + hi) / 2;
        const inLeft = way < mid;
        pointsRight.set(`${lo}-${hi}`, inLeft);
        if (inLeft) hi = mid;
        else lo = mid;
      }
    };
    return {
      touch: mark,
      fill: mark,
      victim: () => {
        let lo = 0;
        let hi = ways;
        while (hi - lo > 1) {
          const mid = (lo + hi) / 2;
          if (pointsRight.get(`${lo}-${hi}`) === true) lo = mid;
          else hi = mid;
        }
        return lo;
      },
    };
  }
  // SRRIP, 2 bits, hit priority.
  const rrpv: number[] = new Array(ways).fill(0);
  return {
    touch: (way) => {
      rrpv[way] = 0;
    },
    fill: (way) => {
      rrpv[way] = 2;
    },
    victim: () => {
      for (;;) {
        const way = rrpv.indexOf(3);
        if (way >= 0) return way;
        for (let w = 0; w < ways; w++) rrpv[w]! += 1;
      }
    },
  };
}

class RefLevel {
  readonly config: Required<Omit<LevelConfig, 'latencyNs'>>;
  readonly sets: Entry[][];
  readonly policies: RefPolicy[];
  readonly stats: LevelStats;
  readonly seen = new Set<number>();
  /** Fully associative LRU shadow for 3C: lines, most recent last. */
  readonly shadow: number[] = [];

  constructor(config: LevelConfig, seed: number, classify: boolean) {
    this.config = {
      name: config.name,
      sizeBytes: config.sizeBytes,
      ways: config.ways,
      lineBytes: config.lineBytes,
      policy: config.policy ?? 'lru',
      writePolicy: config.writePolicy ?? 'write-back',
      writeAllocate: config.writeAllocate ?? true,
      inclusion: config.inclusion ?? 'non-inclusive',
    };
    const setCount = config.sizeBytes / config.lineBytes / config.ways;
    this.sets = Array.from({ length: setCount }, () => new Array<Entry>(config.ways).fill(null));
    const random = new Random(seed);
    this.policies = this.sets.map(() => makePolicy(this.config.policy, config.ways, random));
    this.stats = {
      name: config.name,
      accesses: 0,
      hits: 0,
      misses: 0,
      readAccesses: 0,
      readMisses: 0,
      writeAccesses: 0,
      writeMisses: 0,
      fetchAccesses: 0,
      fetchMisses: 0,
      evictions: 0,
      writeBacks: 0,
      bytesIn: 0,
      bytesOut: 0,
    };
    if (classify) Object.assign(this.stats, { compulsoryMisses: 0, capacityMisses: 0, conflictMisses: 0 });
  }

  setOf(line: number): number {
    return line % this.sets.length;
  }

  find(line: number): number {
    return this.sets[this.setOf(line)]!.findIndex((entry) => entry !== null && entry.line === line);
  }

  count(op: Op, hit: boolean, line: number): void {
    const s = this.stats;
    const kind = op === 'read' ? 'read' : op === 'fetch' ? 'fetch' : 'write';
    s.accesses++;
    s[`${kind}Accesses`]++;
    if (hit) s.hits++;
    else {
      s.misses++;
      s[`${kind}Misses`]++;
    }
    if (s.compulsoryMisses === undefined) return;
    const shadowAt = this.shadow.indexOf(line);
    if (shadowAt >= 0) this.shadow.splice(shadowAt, 1);
    this.shadow.push(line);
    if (this.shadow.length > this.config.sizeBytes / this.config.lineBytes) this.shadow.shift();
    const firstTime = !this.seen.has(line);
    this.seen.add(line);
    if (hit) return;
    if (firstTime) s.compulsoryMisses!++;
    else if (shadowAt >= 0) s.conflictMisses!++;
    else s.capacityMisses!++;
  }
}

/** The reference hierarchy: same constructor argument and `access`/`stats` as `CacheHierarchy`. */
export class ReferenceHierarchy {
  readonly levels: RefLevel[];
  readonly dataTop: number;
  memoryAccesses = 0;

  constructor(config: HierarchyConfig) {
    const configs = config.instruction ? [config.instruction, ...config.levels] : config.levels;
    this.levels = configs.map(
      (level, k) => new RefLevel(level, (config.seed ?? 1) + k, config.classifyMisses === true),
    );
    this.dataTop = config.instruction ? 1 : 0;
  }

  /** Below the instruction level and L1d is the second data level. */
  below(index: number): number {
    const next = index < this.dataTop ? this.dataTop + 1 : index + 1;
    return next < this.levels.length ? next : -1;
  }

  above(index: number): number[] {
    return this.levels.map((_, k) => k).filter((k) => this.below(k) === index);
  }

  access(address: number, size: number, kind: AccessKind): void {
    const lineBytes = this.levels[0]!.config.lineBytes;
    const top = kind === AccessKind.Fetch ? 0 : this.dataTop;
    const end = address + Math.max(size, 1);
    for (let line = Math.floor(address / lineBytes); line * lineBytes < end; line++) {
      const bytes = Math.min(end, (line + 1) * lineBytes) - Math.max(address, line * lineBytes);
      if (kind === AccessKind.Load) this.request(top, line, 'read', bytes);
      if (kind === AccessKind.Store) this.request(top, line, 'write', bytes);
      if (kind === AccessKind.Modify) {
        this.request(top, line, 'read', bytes);
        this.request(top, line, 'write', bytes);
      }
      if (kind === AccessKind.Fetch) this.request(top, line, 'fetch', bytes);
    }
  }

  stats(): Pick<HierarchyStats, 'levels' | 'memoryAccesses'> {
    return { levels: this.levels.map((level) => ({ ...level.stats })), memoryAccesses: this.memoryAccesses };
  }

  private forward(index: number, line: number, op: Op, bytes: number): void {
    if (op === 'write' || op === 'writeback') this.levels[index]!.stats.bytesOut += bytes;
    const next = this.below(index);
    if (next < 0) this.memoryAccesses++;
    else this.request(next, line, op, bytes);
  }

  private request(index: number, line: number, op: Op, bytes: number): void {
    const level = this.levels[index]!;
    const { writePolicy, writeAllocate, inclusion } = level.config;
    const writeBack = writePolicy === 'write-back';
    const set = level.sets[level.setOf(line)]!;
    const policy = level.policies[level.setOf(line)]!;
    const way = level.find(line);
    const entry = way >= 0 ? set[way]! : null;
    if (inclusion === 'exclusive' && (op === 'writeback' || op === 'victim')) {
      // Insertion of a line evicted above; not an access.
      if (entry) {
        policy.touch(way);
        if (op === 'writeback' && writeBack) entry.dirty = true;
        if (op === 'writeback' && !writeBack) this.forward(index, line, 'writeback', bytes);
        return;
      }
      this.install(index, line, op === 'writeback' && writeBack);
      if (op === 'writeback' && !writeBack) this.forward(index, line, 'writeback', bytes);
      return;
    }
    level.count(op, entry !== null, line);
    if (inclusion === 'exclusive') {
      if (entry && op === 'write') {
        policy.touch(way);
        if (writeBack) entry.dirty = true;
        else this.forward(index, line, 'write', bytes);
      } else if (entry) {
        // The line moves up to the level that asked for it.
        set[way] = null;
        if (entry.dirty) {
          level.stats.writeBacks++;
          this.forward(index, line, 'writeback', level.config.lineBytes);
        }
      } else {
        this.forward(index, line, op, bytes);
      }
      return;
    }
    if (entry) {
      policy.touch(way);
      if (op === 'write' || op === 'writeback') {
        if (writeBack) entry.dirty = true;
        else this.forward(index, line, op, bytes);
      }
      return;
    }
    if (op === 'write' && !writeAllocate) this.forward(index, line, 'write', bytes);
    else if (op === 'write' && writeBack) {
      this.forward(index, line, 'rfo', bytes);
      this.install(index, line, true);
    } else if (op === 'write') {
      this.forward(index, line, 'write', bytes);
      this.install(index, line, false);
    } else if (op === 'writeback') {
      if (writeAllocate) this.install(index, line, writeBack);
      if (!writeAllocate || !writeBack) this.forward(index, line, 'writeback', bytes);
    } else {
      this.forward(index, line, op, bytes);
      this.install(index, line, false);
    }
  }

  private install(index: number, line: number, dirty: boolean): void {
    const level = this.levels[index]!;
    const set = level.sets[level.setOf(line)]!;
    const policy = level.policies[level.setOf(line)]!;
    let way = set.indexOf(null);
    if (way < 0) {
      way = policy.victim();
      const victim = set[way]!;
      level.stats.evictions++;
      let victimDirty = victim.dirty;
      if (level.config.inclusion === 'inclusive' && this.backInvalidate(index, victim.line))
        victimDirty = true;
      set[way] = null;
      if (victimDirty) {
        level.stats.writeBacks++;
        this.forward(index, victim.line, 'writeback', level.config.lineBytes);
      } else {
        const next = this.below(index);
        if (next >= 0 && this.levels[next]!.config.inclusion === 'exclusive') {
          this.request(next, victim.line, 'victim', level.config.lineBytes);
        }
      }
    }
    set[way] = { line, dirty };
    policy.fill(way);
    level.stats.bytesIn += level.config.lineBytes;
  }

  /** Removes `line` above `index`; true when a removed copy was dirty. */
  private backInvalidate(index: number, line: number): boolean {
    let anyDirty = false;
    for (const upperIndex of this.above(index)) {
      const upper = this.levels[upperIndex]!;
      const way = upper.find(line);
      if (way < 0) continue;
      const set = upper.sets[upper.setOf(line)]!;
      let dirty = set[way]!.dirty;
      if (upper.config.inclusion === 'inclusive' && this.backInvalidate(upperIndex, line)) dirty = true;
      if (dirty) {
        upper.stats.writeBacks++;
        upper.stats.bytesOut += upper.config.lineBytes;
        anyDirty = true;
      }
      set[way] = null;
    }
    return anyDirty;
  }
}
