import { UsageError } from '../util/errors.js';
import { detectMachine } from './detect.js';
import type { CacheInfo, MachineInfo } from './types.js';

function cache(
  level: number,
  type: CacheInfo['type'],
  sizeBytes: number,
  ways: number,
  lineBytes: number,
  sharedByCpus: number[],
): CacheInfo {
  return {
    level,
    type,
    sizeBytes,
    lineBytes,
    ways,
    sets: sizeBytes / (ways * lineBytes),
    sharedByCpus,
    instances: 1,
  };
}

const KIB = 1024;
const MIB = 1024 * KIB;

/** The AMD Athlon 64 of the seed text's first figure. */
const ATHLON: MachineInfo = {
  name: 'athlon',
  source: 'preset',
  cpuModel: 'AMD Athlon 64 (K8)',
  cpus: 1,
  numaNodes: 1,
  pageBytes: 4096,
  transparentHugePages: null,
  caches: [
    cache(1, 'instruction', 64 * KIB, 2, 64, [0]),
    cache(1, 'data', 64 * KIB, 2, 64, [0]),
    cache(2, 'unified', 512 * KIB, 16, 64, [0]),
  ],
  notes: [
    "preset: the AMD Athlon 64 of the seed text's first figure (64 KiB 2-way L1I and L1D, 512 KiB 16-way L2)",
  ],
};

/** One performance (Firestorm) cluster of the Apple M1. */
const APPLE_M1: MachineInfo = {
  name: 'apple-m1',
  source: 'preset',
  cpuModel: 'Apple M1 (Firestorm performance cluster)',
  cpus: 4,
  numaNodes: 1,
  pageBytes: 16 * KIB,
  transparentHugePages: null,
  caches: [
    cache(1, 'instruction', 192 * KIB, 6, 128, [0]),
    cache(1, 'data', 128 * KIB, 8, 128, [0]),
    cache(2, 'unified', 12 * MIB, 12, 128, [0, 1, 2, 3]),
    cache(3, 'unified', 8 * MIB, 16, 128, [0, 1, 2, 3]),
  ],
  notes: [
    'preset: one Apple M1 performance cluster; sizes from Apple, associativities from public reverse-engineering reports',
    'the 8 MiB system level cache is modelled as an L3',
  ],
};

/** Names accepted by `machineByName`. */
export const PRESET_NAMES: readonly string[] = ['this', 'athlon', 'apple-m1'];

const PRESETS: ReadonlyMap<string, MachineInfo> = new Map([
  ['athlon', ATHLON],
  ['apple-m1', APPLE_M1],
]);

/**
 * A machine by preset name: `this` (detected), `athlon`, `apple-m1`. Returns a fresh copy.
 * Throws `UsageError` for an unknown name.
 */
export function machineByName(name: string): MachineInfo {
  if (name === 'this') return detectMachine();
  const preset = PRESETS.get(name);
  if (preset === undefined) {
    throw new UsageError(`unknown machine preset '${name}' (known: ${PRESET_NAMES.join(', ')})`);
  }
  return structuredClone(preset);
}
