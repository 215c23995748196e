import type { RuntimeHistory } from '../../harness/index.js';
import { agentResult, type RunOutput } from '../../harness/plan/index.js';
import { query, sqlText } from './admin.js';
import { askName, timeoutName } from './workflow.js';

// The audit trail as Restate keeps it: the run invocation's journal, read back
// through the SQL introspection API (sys_journal joined with sys_invocation). A
// command (Run, GetPromise, Sleep) opens a step; the notification carrying the same
// completion id closes it with the recorded result. A Call to a workflow under another
// key is an agent step's child: its key ends in the step's id, and the child's own
// journal (in the children's workflow, where the case has one) is read the same way
// and listed after it.

export interface JournalRow {
  index: number;
  entry_type: string;
  entry_json: string;
}

type Command = {
  Run?: { completion_id: number; name: string };
  GetPromise?: { completion_id: number; key: string };
  Sleep?: { completion_id: number; name: string };
  Call?: { request: { invocation_target: { Workflow?: { key: string } } }; result_completion_id: number };
};
type Result = { Success?: number[]; Failure?: { message?: string } } | undefined;
type Entry = { Command?: Command; Notification?: { Completion?: Record<string, { completion_id: number; result?: Result }> } };

/** `childService`: where the run's children are (their own workflow, decision 0118), nested ones too. */
export async function readHistory(adminUrl: string, service: string, runId: string, childService = service): Promise<RuntimeHistory> {
  const steps: RuntimeHistory['steps'] = [];
  for (const entry of (await readJournal(adminUrl, service, runId)).steps) {
    steps.push(entry);
    // The child's own note that it started carries its agent step's name: the parent's entry stands for it.
    if (entry.childRun) steps.push(...(await readHistory(adminUrl, childService, entry.childRun, childService)).steps.filter((s) => s.stepId !== entry.stepId));
  }
  return { steps };
}

async function readJournal(adminUrl: string, service: string, runId: string): Promise<RuntimeHistory> {
  const rows = await query<JournalRow>(
    adminUrl,
    `SELECT j.index, j.entry_type, j.entry_json FROM sys_journal j JOIN sys_invocation i ON j.id = i.id
     WHERE i.target_service_name = ${sqlText(service)} AND i.target_service_key = ${sqlText(runId)} AND i.target_handler_name = 'run'
     ORDER BY j.index`,
  );
  return stepsFromJournal(rows);
}

/** One invocation's journal rows (sys_journal, in index order) as history entries. */
export function stepsFromJournal(rows: Pick<JournalRow, 'entry_json'>[]): RuntimeHistory {
  const entries = rows.map((r) => JSON.parse(r.entry_json) as Entry);
  const done = new Map<number, Result | 'void'>();
  for (const e of entries) {
    for (const completion of Object.values(e.Notification?.Completion ?? {})) done.set(completion.completion_id, completion.result ?? 'void');
  }
  const steps: RuntimeHistory['steps'] = [];
  const approvals = new Map<string, RuntimeHistory['steps'][number]>();
  const asked = new Set<string>();
  const status = (id: number): 'completed' | 'failed' | 'started' => {
    const r = done.get(id);
    return r === undefined ? 'started' : r !== 'void' && r.Failure ? 'failed' : 'completed';
  };
  // An approval is one step in the plan and three entries in the journal: the ask, the promise, its timer.
  const approval = (stepId: string) => {
    let entry = approvals.get(stepId);
    if (!entry) approvals.set(stepId, (entry = { stepId, status: 'started' }));
    if (!steps.includes(entry)) steps.push(entry);
    return entry;
  };
  for (const e of entries) {
    const c = e.Command;
    if (c?.Run) {
      const name = c.Run.name;
      if (!name) continue; // ctx.date.now() and other unnamed bookkeeping
      if (name.startsWith(askName(''))) {
        asked.add(name.slice(askName('').length));
        approval(name.slice(askName('').length));
        continue;
      }
      const r = done.get(c.Run.completion_id);
      const value = r && r !== 'void' && r.Success ? decode(r.Success) : undefined;
      steps.push({ stepId: name, status: status(c.Run.completion_id), ...(value !== undefined ? { result: value } : {}) });
    } else if (c?.GetPromise) {
      if (status(c.GetPromise.completion_id) === 'completed') approval(c.GetPromise.key).status = 'completed';
    } else if (c?.Call?.request.invocation_target.Workflow) {
      const childRun = c.Call.request.invocation_target.Workflow.key;
      const r = done.get(c.Call.result_completion_id);
      const output = r && r !== 'void' && r.Success ? (JSON.parse(Buffer.from(r.Success).toString('utf8')) as RunOutput) : undefined;
      steps.push({ stepId: childRun.slice(childRun.lastIndexOf('/') + 1), status: status(c.Call.result_completion_id), childRun, ...(output ? { result: agentResult(output) } : {}) });
    } else if (c?.Sleep) {
      const name = c.Sleep.name;
      if (name.endsWith(timeoutName(''))) {
        if (status(c.Sleep.completion_id) === 'completed') approval(name.slice(0, -timeoutName('').length)).status = 'completed';
      } else steps.push({ stepId: name, status: status(c.Sleep.completion_id) });
    }
  }
  return { steps };
}

/** A ctx.run result is its JSON serialization; ours are strings. */
function decode(bytes: number[]): string {
  const text = Buffer.from(bytes).toString('utf8');
  try {
    const v = JSON.parse(text) as unknown;
    return typeof v === 'string' ? v : text;
  } catch {
    return text;
  }
}
