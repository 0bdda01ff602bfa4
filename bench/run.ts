/**
 * `npm run bench [-- NAME...]`: runs bench/*.bench.ts (all, or those whose file name contains
 * a NAME) one after another in this process and rewrites their sections of BENCHMARKS.md,
 * keeping the sections of bench files that did not run.
 */
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

let doc = (() => {
  try {
    return readFileSync(target, 'utf8');
  } catch {
    return '# Benchmarks\n\nWritten by `npm run bench`. Each section was measured in one run, its peers interleaved in the same process; compare ratios, not absolute times (this machine is shared and noisy).\n';
  }
})();

for (const file of files) {
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
