import type { CaseResult } from '../../report/case.js';
import { approvalsOf, type AgentScenario } from '../config.js';

/** A generated case as the terminal shows it: the model's script, the person, the faults, what failed. */
export function describeAgentCase(s: AgentScenario, result: CaseResult): string {
  const failed = result.properties.filter((p) => p.verdict === 'fail');
  const turns = s.model.map((t, i) => {
    const usage = t.usage ? ` (${t.usage.prompt}+${t.usage.completion} tokens)` : '';
    return `    ${i + 1}. ${'tool' in t ? `calls ${t.tool} ${JSON.stringify(t.args)}` : `answers ${JSON.stringify(t.text)}`}${usage}`;
  });
  return [
    `  model script (${s.model.length} turn${s.model.length === 1 ? '' : 's'}):`,
    ...turns,
    ...approvalsOf(s).map((a) => `  person: ${PERSON[a.decision]} after turn ${a.afterTurn}${a.twice ? `, twice (${a.twice.spacingMs} ms apart)` : ''}`),
    `  faults: ${s.faults.length ? s.faults.map((f) => f.text).join('; ') : 'none'}`,
    ...(failed.length ? ['  failed:'] : []),
    ...failed.flatMap((p) => [`    ✗ ${p.id}`, ...p.evidence.map((e) => `        ${e.message}`)]),
    ...(result.notes ?? []).map((n) => `  note: ${n}`),
  ].join('\n');
}

/** The case as an entry of the config's `scenarios`, a field a line, to keep it as a regression case (JSON, and so valid TypeScript). */
export function scenarioLiteral(s: AgentScenario): string {
  const fields = { name: s.name, model: s.model, ...(s.approval ? { approval: s.approval } : {}), ...(s.approvals ? { approvals: s.approvals } : {}), faults: s.faults.map((f) => f.text), timeoutMs: s.timeoutMs };
  return `{\n${Object.entries(fields).map(([k, v]) => `  "${k}": ${JSON.stringify(v)}`).join(',\n')}\n}`;
}

const PERSON = { approve: 'approves', reject: 'rejects', none: 'never answers' } as const;
