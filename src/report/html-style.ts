/** The report's stylesheet, inlined into `<style>`: readable on screen and in print, no web fonts. */
export const REPORT_CSS = `
:root { color-scheme: light; --ink: #1d2330; --muted: #5b6475; --line: #d9dde5; --accent: #2f5fb3; --warn: #9a5b00; }
* { box-sizing: border-box; }
body { margin: 0 auto; max-width: 1100px; padding: 1.5rem; font: 15px/1.5 system-ui, -apple-system, "Segoe UI", sans-serif; color: var(--ink); background: #fff; }
h1 { font-size: 1.7rem; margin: 0 0 .25rem; }
h2 { font-size: 1.3rem; margin: 2rem 0 .5rem; padding-top: .5rem; border-top: 2px solid var(--line); }
h3 { font-size: 1.05rem; margin: 1.25rem 0 .4rem; }
h4 { font-size: .95rem; margin: .75rem 0 .25rem; font-family: ui-monospace, Menlo, Consolas, monospace; }
code, pre { font-family: ui-monospace, "SFMono-Regular", Menlo, Consolas, monospace; font-size: .9em; }
pre.tree { background: #f6f7f9; border: 1px solid var(--line); padding: .75rem; overflow-x: auto; line-height: 1.3; }
.meta, .description, .elapsed { color: var(--muted); }
nav ul { display: flex; flex-wrap: wrap; gap: .25rem 1rem; list-style: none; padding: 0; margin: .5rem 0 0; }
nav a { color: var(--accent); text-decoration: none; }
ul.explanation { padding-left: 1.2rem; }
ul.explanation li { margin: .2rem 0; }
.notes li { color: var(--warn); }
.charts { display: flex; flex-wrap: wrap; gap: 1rem; align-items: flex-start; }
figure.chart { margin: 0; padding: .5rem; border: 1px solid var(--line); border-radius: 4px; max-width: 100%; overflow-x: auto; }
figure.chart figcaption { font-weight: 600; margin-bottom: .25rem; }
figure.chart svg { display: block; max-width: 100%; height: auto; }
.chart-error { color: #b00020; }
table { border-collapse: collapse; margin: .25rem 0 1rem; font-size: .9rem; }
th, td { border: 1px solid var(--line); padding: .2rem .5rem; text-align: left; vertical-align: top; }
th { background: #f0f2f6; }
td.number { text-align: right; font-variant-numeric: tabular-nums; }
details { margin: .5rem 0; }
summary { cursor: pointer; color: var(--accent); }
.scroll { max-width: 100%; overflow-x: auto; }
footer { margin-top: 3rem; color: var(--muted); font-size: .85rem; }
@media print { details { display: block; } summary { display: none; } }
`;
