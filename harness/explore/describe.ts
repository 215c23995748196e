import type { CaseResult } from '../case/run-case.js';
import type { Step } from '../plan/schema.js';
import { allSteps } from '../plan/walk.js';
import { describeFault } from '../faults/registry.js';
import type { Scenario } from '../scenario/schema.js';
import { sizeOf } from './run-generated.js';

/** A plan as an indented outline: one line per step, what a reader needs to picture the run. */
export function outlinePlan(steps: Step[], indent = '  '): string[] {
  const lines: string[] = [];
  steps.forEach((s, i) => {
    const n = `${i + 1}.`;
    switch (s.kind) {
      case 'llm':
        lines.push(`${indent}${n} llm ${s.id} (${s.tokens} tokens${s.latencyMs ? `, ${s.latencyMs} ms` : ''})`);
        break;
      case 'tool':
        lines.push(`${indent}${n} tool ${s.id}: ${s.tool} (${s.mode}${s.latencyMs ? `, ${s.latencyMs} ms` : ''})`);
        break;
      case 'sleep':
        lines.push(`${indent}${n} sleep ${s.id} ${s.ms} ms`);
        break;
      case 'approval':
        lines.push(`${indent}${n} approval ${s.id} (timeout ${s.timeoutMs} ms, then ${s.onTimeout})`);
        if (s.approved.length) lines.push(`${indent}   if approved:`, ...outlinePlan(s.approved, `${indent}     `));
        if (s.rejected.length) lines.push(`${indent}   if rejected:`, ...outlinePlan(s.rejected, `${indent}     `));
        break;
      case 'parallel':
        lines.push(`${indent}${n} parallel ${s.id}`);
        s.branches.forEach((b, j) => lines.push(`${indent}   branch ${j + 1}:`, ...outlinePlan(b, `${indent}     `)));
        break;
      case 'agent':
        lines.push(`${indent}${n} agent ${s.id}: ${s.agent}`, ...outlinePlan(s.plan.steps, `${indent}     `));
        break;
    }
  });
  return lines;
}

/** The minimal case as the terminal shows it: plan, humans, faults, what failed and why. */
export function describeCase(scenario: Scenario, result: CaseResult): string {
  const size = sizeOf(scenario);
  const decisions = Object.entries(scenario.decisions);
  const failed = result.properties.filter((p) => p.verdict === 'fail');
  const approvals = allSteps(scenario.plan).filter((s) => s.kind === 'approval').map((s) => s.id);
  const silent = approvals.filter((id) => !scenario.decisions[id]);
  return [
    `  plan "${scenario.plan.name}" (${size.steps} step${size.steps === 1 ? '' : 's'}):`,
    ...outlinePlan(scenario.plan.steps, '    '),
    ...(approvals.length ? [`  humans: ${[...decisions.map(([id, d]) => `${id} → ${d}`), ...silent.map((id) => `${id} → no answer`)].join(', ')}`] : []),
    `  faults: ${scenario.faults.length ? scenario.faults.map(describeFault).join('; ') : 'none'}`,
    ...(failed.length ? ['  failed:'] : []),
    ...failed.flatMap((p) => [`    ✗ ${p.id}`, ...p.evidence.map((e) => `        ${e.message}`)]),
  ].join('\n');
}
