import type { CacheInfo, MachineInfo } from '../machine/types.js';
import { type EnvironmentRecord, type Report, SCHEMA } from './types.js';

/** `softmem machine --json`: the machine with the schema tag first. Fields in a fixed order. */
export interface MachineJson {
  schema: typeof SCHEMA;
  name: string;
  source: MachineInfo['source'];
  cpuModel: string;
  /** Each cache with `instances` always present (1 when the source does not say). */
  caches: (CacheInfo & { instances: number })[];
  cpus: number;
  numaNodes: number;
  pageBytes: number;
  transparentHugePages: string | null;
  notes: string[];
}

/** One experiment in `softmem run --json`. */
export interface ExperimentJson {
  id: string;
  title: string;
  params: object;
  points: Record<string, number | string | boolean | null>[];
  summary: Record<string, unknown>;
}

/** `softmem run … --json`. */
export interface RunJson {
  schema: typeof SCHEMA;
  machine: Omit<MachineJson, 'schema'>;
  environment: EnvironmentRecord;
  experiments: ExperimentJson[];
}

/** The machine as the `softmem/1` JSON contract describes it (only the contract's fields). */
export function machineToJson(machine: MachineInfo): MachineJson {
  return { schema: SCHEMA, ...machineFields(machine) };
}

/** A run as the `softmem/1` JSON contract describes it (only the contract's fields). */
export function reportToJson(report: Report): RunJson {
  return {
    schema: SCHEMA,
    machine: machineFields(report.machine),
    environment: report.environment,
    experiments: report.experiments.map(({ result }) => ({
      id: result.id,
      title: result.title,
      params: result.params,
      points: result.points,
      summary: result.summary,
    })),
  };
}

/** Pretty-printed JSON with a final newline; non-finite numbers become `null` as in `JSON.stringify`. */
export function stringifyJson(document: unknown): string {
  return `${JSON.stringify(document, null, 2)}\n`;
}

function machineFields(machine: MachineInfo): Omit<MachineJson, 'schema'> {
  return {
    name: machine.name,
    source: machine.source,
    cpuModel: machine.cpuModel,
    caches: machine.caches.map((cache) => ({
      level: cache.level,
      type: cache.type,
      sizeBytes: cache.sizeBytes,
      lineBytes: cache.lineBytes,
      ways: cache.ways,
      sets: cache.sets,
      sharedByCpus: [...cache.sharedByCpus],
      instances: cache.instances ?? 1,
    })),
    cpus: machine.cpus,
    numaNodes: machine.numaNodes,
    pageBytes: machine.pageBytes,
    transparentHugePages: machine.transparentHugePages,
    notes: [...machine.notes],
  };
}
