/** One cache as the OS (or a preset) describes it. */
export interface CacheInfo {
  /** 1 for L1, 2 for L2, … */
  level: number;
  type: 'data' | 'instruction' | 'unified';
  sizeBytes: number;
  lineBytes: number;
  /** Associativity; equal to `sizeBytes / lineBytes` for a fully associative cache. */
  ways: number;
  sets: number;
  /** Logical CPU ids that share this cache instance (as in sysfs `shared_cpu_list`). */
  sharedByCpus: number[];
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
