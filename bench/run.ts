/**
 * `npm run bench [-- NAME...]`: runs bench/*.bench.ts (all, or those whose file name contains
 * a NAME) one after another, each in a fresh child process, and rewrites their sections of
 * BENCHMARKS.md, keeping the sections of bench files that did not run. A fresh process per
 * file keeps one section's heap and garbage out of the next one's timings: in one process the
 * 4096² transpose, measured after the Vec and NDArray sections, read 2.59–3.40 ns per element
 * against 2.09–2.19 in a fresh process (2026-11-26).
 */
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { type BenchSection, machineLine } from './lib.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const target = path.join(here, '..', 'BENCHMARKS.md');
const filters = process.argv.slice(2);
const files = readdirSync(here)
  .filter((f) => f.endsWith('.bench.ts'))
  .filter((f) => filters.length === 0 || filters.some((name) => f.includes(name)))
  .sort();
if (files.length === 0) {
  console.error(`bench: no bench file matches ${filters.join(', ')}`);
  process.exit(2);
}

/** Set in the child that runs one bench file. */
const CHILD_ENV = 'SOFTMEM_BENCH_FILE';
const only = process.env[CHILD_ENV];
if (only === undefined) {
  for (const file of files) {
    const child = spawnSync(
      process.execPath,
      [...process.execArgv, '--expose-gc', fileURLToPath(import.meta.url)],
      {
        stdio: 'inherit',
        env: { ...process.env, [CHILD_ENV]: file },
      },
    );
    if (child.status !== 0) {
      console.error(`bench: ${file} failed (exit ${String(child.status ?? child.signal)})`);
      process.exit(1);
    }
  }
  process.exit(0);
}

let doc = (() => {
  try {
    return readFileSync(target, 'utf8');
  } catch {
    return '# Benchmarks\n\nWritten by `npm run bench`. Each section was measured in one run, its peers interleaved in the same process; compare ratios, not absolute times (this machine is shared and noisy).\n';
  }
})();

for (const file of files.filter((name) => name === only)) {
  console.error(`bench: ${file}`);
  const module = (await import(pathToFileURL(path.join(here, file)).href)) as {
    default: () => Promise<BenchSection>;
  };
  const section = await module.default();
  const block = `<!-- bench:${section.id} -->\n## ${section.title}\n\n_Machine: ${machineLine()}_\n\n${section.body.trim()}\n<!-- /bench:${section.id} -->`;
  const pattern = new RegExp(`<!-- bench:${section.id} -->[\\s\\S]*?<!-- /bench:${section.id} -->`);
  doc = pattern.test(doc) ? doc.replace(pattern, () => block) : `${doc.trimEnd()}\n\n${block}\n`;
  writeFileSync(target, doc);
  console.error(`bench: ${file} done`);
}
