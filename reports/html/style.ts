/** The HTML reports' stylesheet, inlined: the file opens from file:// with no fetch. */
export const STYLE = `
:root { --pass: #2e7d32; --fail: #c62828; --unknown: #ef6c00; --skipped: #757575; --ink: #1d232a; --muted: #5f6b76; --line: #d9dee3; font-family: system-ui, -apple-system, Segoe UI, Roboto, sans-serif; color: var(--ink); }
body { margin: 0 auto; max-width: 1080px; padding: 24px; background: #f7f8fa; }
h1 { font-size: 22px; margin: 0 0 4px; } h2 { font-size: 17px; margin: 28px 0 10px; }
.muted, .meta { color: var(--muted); font-size: 13px; }
.hero { display: flex; gap: 24px; align-items: center; background: #fff; border: 1px solid var(--line); border-radius: 8px; padding: 16px 20px; }
.level { font-size: 40px; font-weight: 700; border-radius: 8px; padding: 6px 16px; color: #fff; }
.level.L0 { background: #e05d44; } .level.L1 { background: #fe7d37; } .level.L2 { background: #c9a10f; } .level.L3 { background: #3c9a1f; }
.score { font-size: 32px; font-weight: 700; } .gate.passed { color: var(--pass); } .gate.failed { color: var(--fail); }
table { border-collapse: collapse; background: #fff; font-size: 13px; } th, td { border: 1px solid var(--line); padding: 4px 8px; text-align: left; }
.bar { display: inline-block; height: 8px; background: var(--pass); border-radius: 4px; vertical-align: middle; } .bar.low { background: var(--fail); } .bar.mid { background: var(--unknown); }
.matrix td { text-align: center; } .matrix button { border: 0; background: none; font: inherit; cursor: pointer; width: 100%; }
.matrix td.pass { background: #e3f1e4; } .matrix td.fail { background: #f8dcdc; font-weight: 600; } .matrix td.unknown { background: #fdebd6; } .matrix td.none { background: #f1f2f4; }
.coverage td { min-width: 2.5em; } h3 { font-size: 14px; margin: 14px 0 6px; }
.filters { position: sticky; top: 0; background: #f7f8fa; padding: 8px 0; display: flex; gap: 12px; align-items: center; flex-wrap: wrap; z-index: 1; font-size: 13px; }
.filters select, .filters input { font: inherit; padding: 3px 6px; }
details.case { background: #fff; border: 1px solid var(--line); border-left: 4px solid var(--skipped); border-radius: 6px; margin: 6px 0; }
details.case[data-verdict=pass] { border-left-color: var(--pass); } details.case[data-verdict=fail] { border-left-color: var(--fail); } details.case[data-verdict=unknown] { border-left-color: var(--unknown); }
details.case > summary { cursor: pointer; padding: 8px 12px; display: flex; gap: 10px; align-items: baseline; flex-wrap: wrap; }
.case .body { padding: 0 12px 12px; }
.verdict { font-weight: 700; font-size: 11px; text-transform: uppercase; color: #fff; border-radius: 3px; padding: 1px 6px; }
.verdict.pass { background: var(--pass); } .verdict.fail { background: var(--fail); } .verdict.unknown { background: var(--unknown); } .verdict.skipped { background: var(--skipped); }
.prop { margin: 4px 0; } .prop.fail > b { color: var(--fail); } .prop.unknown > b { color: var(--unknown); } .prop ul { margin: 2px 0 6px; padding-left: 22px; font-size: 13px; }
code, pre { font-family: ui-monospace, SFMono-Regular, Menlo, monospace; font-size: 12px; } pre { background: #f1f2f4; padding: 6px 8px; border-radius: 4px; overflow-x: auto; white-space: pre-wrap; }
.scroll { overflow-x: auto; }
svg.timeline { max-width: 100%; height: auto; background: #fff; font-size: 10px; font-family: ui-monospace, Menlo, monospace; }
svg .lane { fill: var(--muted); font-family: system-ui, sans-serif; font-size: 11px; } svg .sep { stroke: var(--line); } svg .grid { stroke: #eef0f2; } svg .tick { fill: var(--muted); text-anchor: middle; }
svg .life { fill: #b0bec5; } svg .frozen { fill: #90a4ae; opacity: .35; }
svg .effect rect { stroke: none; } svg .effect text { fill: var(--ink); }
svg .effect.applied rect, .key.applied { fill: #43a047; background: #43a047; } svg .effect.deduplicated rect, .key.deduplicated { fill: #1e88e5; background: #1e88e5; }
svg .effect.response-lost rect, .key.response-lost { fill: #fb8c00; background: #fb8c00; } svg .effect.failed rect, .key.failed { fill: #9e9e9e; background: #9e9e9e; }
svg .effect.refused rect, .key.refused { fill: #8e24aa; background: #8e24aa; }
svg .effect.repeated rect, .key.repeated { fill: #d32f2f; background: #d32f2f; stroke: #7f0000; stroke-width: 2; } svg .effect.repeated text { fill: #b71c1c; font-weight: 700; }
svg .fault-line { stroke: #d32f2f; stroke-dasharray: 4 3; } svg .fault text { fill: #b71c1c; font-weight: 600; } svg .kill text { fill: #b71c1c; font-size: 14px; font-weight: 700; }
svg .span.seen { fill: var(--ink); } svg .span.missing { fill: none; stroke: #d32f2f; stroke-width: 1.2; }
svg .decision.approve path { fill: #2e7d32; } svg .decision.reject path { fill: #c62828; } svg .op path { fill: #546e7a; } svg .op.fail path, svg .op.info path { fill: #ef6c00; } svg .op.fail text { fill: #b65400; } svg .retries { stroke: #ef6c00; stroke-width: 2; stroke-dasharray: 2 2; }
.legend { font-size: 12px; color: var(--muted); } .legend .item { white-space: nowrap; margin-right: 10px; } .key { display: inline-block; width: 12px; height: 10px; margin: 0 4px 0 0; border-radius: 2px; vertical-align: middle; }
.key.frozen { background: #cfd8dc; } .key.fault-key { background: none; border-left: 2px dashed #d32f2f; width: 0; height: 12px; }
.cmp td.pass { color: var(--pass); } .cmp td.fail { color: var(--fail); } .cmp td.unknown { color: var(--unknown); } .cmp td.skipped, .cmp td.none { color: var(--skipped); }
`;
