/** One cache as the OS (or a preset) describes it. */
export interface CacheInfo {
  /** 1 for L1, 2 for L2, … */
  level: number;
  type: 'data' | 'instruction' | 'unified';
  sizeBytes: number;
  lineBytes: number;
  /**
   * Associativity; equal to `sizeBytes / lineBytes` for a fully associative cache; 0 when the
   * source does not say (then `sets` is 0 too).
   */
  ways: number;
  sets: number;
  /**
   * Logical CPU ids that share one instance of this cache (as in sysfs `shared_cpu_list`, seen
   * from the lowest-numbered CPU). Empty when unknown.
   */
  sharedByCpus: number[];
  /** How many separate instances of this cache the machine has (e.g. 2 L3 domains); 1 when unknown. */
  instances?: number;
}

/** Where the description of a machine came from. */
export type MachineSource = 'sysfs' | 'getconf' | 'preset';

/** The memory hierarchy of a machine: what `softmem machine --json` prints (plus `schema`). */
export interface MachineInfo {
  /** `this` for the detected machine, or the preset's name. */
  name: string;
  source: MachineSource;
  cpuModel: string;
  /** Logical CPUs online. */
  cpus: number;
  numaNodes: number;
  pageBytes: number;
  /** Transparent huge pages mode (`always`, `madvise`, `never`), or null when unknown. */
  transparentHugePages: string | null;
  /** Every cache, sorted by level then type (instruction, data, unified). */
  caches: CacheInfo[];
  /** Things that could not be read, said plainly (e.g. "sysfs has no cache information"). */
  notes: string[];
}
