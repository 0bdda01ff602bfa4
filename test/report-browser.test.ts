import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { type Browser, chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_SOURCES } from '../src/cli/sources.js';
import type { ExperimentResult } from '../src/experiments/types.js';
import { cliWith, plainChildEnv } from './cli-helpers.js';
import { fakeExperiment, fakeSources, HOSTILE } from './fake-experiments.js';

const CHROMIUM = '/usr/bin/chromium';
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

const scratch = mkdtempSync(join(tmpdir(), 'softmem-browser-'));
let browser: Browser;
/** The main job, run once through the built binary from an empty working directory. */
let mainJob: { stdout: string; stderr: string };

beforeAll(async () => {
  if (!existsSync(CHROMIUM)) {
    throw new Error(
      `the report browser test needs Chromium at ${CHROMIUM} (Debian: apt-get install chromium)`,
    );
  }
  const binary = join(process.cwd(), 'dist/cli/main.js');
  const [job, launched] = await Promise.all([
    promisify(execFile)(process.execPath, [binary], {
      cwd: scratch,
      encoding: 'utf8',
      timeout: 170_000,
      env: plainChildEnv(),
    }),
    chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS }),
  ]);
  mainJob = job;
  browser = launched;
}, 180_000);

afterAll(async () => {
  await browser?.close();
  rmSync(scratch, { recursive: true, force: true });
});

interface PageCheck {
  consoleErrors: string[];
  requests: string[];
  dialogs: number;
  figures: number;
  figuresWithSvg: number;
  drawnSvgs: number;
  chartErrors: number;
  scripts: number;
  headings: string[];
}

/** Opens a report file in Chromium and reports what a reader would see. */
async function openReport(path: string): Promise<PageCheck> {
  const page = await browser.newPage();
  const check: PageCheck = {
    consoleErrors: [],
    requests: [],
    dialogs: 0,
    figures: 0,
    figuresWithSvg: 0,
    drawnSvgs: 0,
    chartErrors: 0,
    scripts: 0,
    headings: [],
  };
  page.on('console', (message) => {
    if (message.type() === 'error' || message.type() === 'warning') check.consoleErrors.push(message.text());
  });
  page.on('pageerror', (error) => check.consoleErrors.push(error.message));
  page.on('request', (request) => check.requests.push(request.url()));
  page.on('dialog', (dialog) => {
    check.dialogs++;
    void dialog.dismiss();
  });
  try {
    const url = pathToFileURL(path).href;
    await page.goto(url, { waitUntil: 'load' });
    check.figures = await page.locator('figure.chart').count();
    check.figuresWithSvg = await page.locator('figure.chart > svg').count();
    const svgs = page.locator('figure.chart > svg');
    for (let index = 0; index < check.figuresWithSvg; index++) {
      const svg = svgs.nth(index);
      const box = await svg.boundingBox();
      const marks = await svg.locator('path, rect, text').count();
      if (box !== null && box.width > 50 && box.height > 50 && marks > 0) check.drawnSvgs++;
    }
    check.chartErrors = await page.locator('.chart-error').count();
    check.scripts = await page.locator('script').count();
    check.headings = await page.locator('h2').allTextContents();
    check.requests = check.requests.filter((request) => request !== url);
  } finally {
    await page.close();
  }
  return check;
}

/** The main job's results.json. */
function readResults(): { schema: string; experiments: ExperimentResult[] } {
  return JSON.parse(readFileSync(join(scratch, 'softmem-report', 'results.json'), 'utf8')) as {
    schema: string;
    experiments: ExperimentResult[];
  };
}

describe('the main job (softmem with no arguments, built binary)', () => {
  it('prints the hierarchy and the report path, and writes ./softmem-report/index.html', () => {
    const path = join(scratch, 'softmem-report', 'index.html');
    expect(mainJob.stdout).toMatch(/^Machine 'this'/);
    expect(mainJob.stdout).toMatch(/│ L1 +│ data/);
    expect(mainJob.stdout).toContain(`Report: ${path}`);
    expect(existsSync(path)).toBe(true);
    const results = readResults();
    expect(results.schema).toBe('softmem/1');
    // Every registered experiment ran, in registry order, in quick mode, with points and a summary.
    expect(results.experiments.map((experiment) => experiment.id)).toEqual(
      DEFAULT_SOURCES.experiments.map((experiment) => experiment.id),
    );
    for (const experiment of results.experiments) {
      expect(experiment.points.length).toBeGreaterThan(0);
      expect(Object.keys(experiment.summary).length).toBeGreaterThan(0);
    }
  });

  it('its report opens in headless Chromium with no console errors, no requests, every chart drawn', async () => {
    const check = await openReport(join(scratch, 'softmem-report', 'index.html'));
    expect(check.consoleErrors).toEqual([]);
    expect(check.requests).toEqual([]);
    expect(check.chartErrors).toBe(0);
    // The machine picture, then every chart each experiment asks for.
    const chartCount = readResults().experiments.reduce((count, result) => {
      const experiment = DEFAULT_SOURCES.experiments.find((candidate) => candidate.id === result.id);
      return count + (experiment?.charts(result).length ?? 0);
    }, 0);
    expect(check.figures).toBe(1 + chartCount);
    expect(check.figuresWithSvg).toBe(check.figures);
    expect(check.drawnSvgs).toBe(check.figures);
    expect(check.headings[0]).toMatch(/^Machine/);
  });
});

describe('a report with hostile strings, in Chromium', () => {
  it('shows them as text: no script element, no dialog, every chart an <svg>', async () => {
    const out = join(scratch, 'hostile');
    const run = await cliWith(
      fakeSources([fakeExperiment(), fakeExperiment('hostile', HOSTILE)]),
      'run',
      '--all',
      '--quick',
      '--param',
      `label=${HOSTILE}`,
      '--out',
      out,
    );
    expect(run.code).toBe(0);
    const check = await openReport(join(out, 'index.html'));
    expect(check.consoleErrors).toEqual([]);
    expect(check.requests).toEqual([]);
    expect(check.scripts).toBe(0);
    expect(check.dialogs).toBe(0);
    expect(check.chartErrors).toBe(0);
    expect(check.figures).toBe(1 + 2 * 2); // machine picture + two charts per experiment
    expect(check.drawnSvgs).toBe(check.figures);
    expect(check.headings.some((heading) => heading.includes('<script>alert("x")</script>'))).toBe(true);
  });
});
