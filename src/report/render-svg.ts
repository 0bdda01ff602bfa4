import type { Loader } from 'vega';
import type { TopLevelSpec } from 'vega-lite';

type ChartLibraries = [typeof import('vega'), typeof import('vega-lite')];

/** vega and vega-lite, loaded on the first chart: they cost ~0.3 s of start-up that `--help` need not pay. */
let chartLibraries: Promise<ChartLibraries> | null = null;

function loadChartLibraries(): Promise<ChartLibraries> {
  chartLibraries ??= Promise.all([import('vega'), import('vega-lite')]);
  return chartLibraries;
}

/** The look every chart shares unless its spec says otherwise. */
const CHART_CONFIG = {
  background: 'white',
  font: 'system-ui, -apple-system, "Segoe UI", sans-serif',
  view: { stroke: '#ccc' },
  axis: { labelFontSize: 11, titleFontSize: 12 },
  legend: { labelFontSize: 11, titleFontSize: 12 },
} as const;

/**
 * A Vega loader that refuses every load: a report is self-contained, so a chart must inline
 * its data (`data.values`) and never fetch a file or URL. Vega only warns about a failed load,
 * so each refused address is also recorded in `refused` for the renderer to fail on.
 */
function offlineLoader(vega: ChartLibraries[0], refused: string[]): Loader {
  const refusing = vega.loader();
  const refuse = async (uri: string): Promise<never> => {
    refused.push(uri);
    throw new Error(`charts must inline their data; refusing to load '${uri}'`);
  };
  refusing.load = refuse;
  refusing.sanitize = refuse;
  return refusing;
}

/**
 * A Vega logger that keeps errors (a failed data load, a bad expression) so the render can
 * fail loudly instead of inlining a half-empty chart; warnings and chatter are dropped.
 */
class ErrorCollector {
  readonly errors: string[] = [];
  private currentLevel = 1;

  level(value?: number): number | this {
    if (value === undefined) return this.currentLevel;
    this.currentLevel = value;
    return this;
  }

  error(...args: unknown[]): this {
    this.errors.push(args.map((arg) => (arg instanceof Error ? arg.message : String(arg))).join(' '));
    return this;
  }

  warn(): this {
    return this;
  }

  info(): this {
    return this;
  }

  debug(): this {
    return this;
  }
}

/**
 * Renders a Vega-Lite spec to a standalone SVG string in Node: `vega-lite` compiles it to
 * Vega, a headless `View` (`renderer: 'none'`) lays it out and `toSVG()` serialises it. Vega
 * escapes every text it writes, so labels taken from user input are safe to inline in HTML.
 * Throws for an invalid spec, a spec that loads external data, or output with script.
 *
 * @example
 * ```ts
 * const svg = await renderVegaLiteSvg({
 *   data: { values: [{ sizeBytes: 4096, ns: 1.2 }] },
 *   mark: 'line',
 *   encoding: { x: { field: 'sizeBytes', type: 'quantitative' }, y: { field: 'ns', type: 'quantitative' } },
 * });
 * svg.startsWith('<svg'); // true
 * ```
 */
export async function renderVegaLiteSvg(spec: Readonly<Record<string, unknown>>): Promise<string> {
  const specWithConfig = {
    ...spec,
    config: { ...CHART_CONFIG, ...((spec.config as Record<string, unknown> | undefined) ?? {}) },
  } as unknown as TopLevelSpec;
  const [vega, vegaLite] = await loadChartLibraries();
  const vegaSpec = vegaLite.compile(specWithConfig).spec;
  const errors = new ErrorCollector();
  const refused: string[] = [];
  const view = new vega.View(vega.parse(vegaSpec), {
    renderer: 'none',
    loader: offlineLoader(vega, refused),
    logger: errors,
  });
  try {
    const svg = await view.toSVG();
    if (refused.length > 0)
      throw new Error(`charts must inline their data; refusing to load '${refused[0]}'`);
    if (errors.errors.length > 0) throw new Error(errors.errors[0]);
    if (/<script|javascript:/i.test(svg)) throw new Error('chart SVG contains script; refusing to inline it');
    return svg;
  } finally {
    view.finalize();
  }
}
