import { computeOracle, expectedDecision } from '../oracle.js';
import { branchTaken, type Decision } from '../plan/execute.js';
import type { Step } from '../plan/schema.js';
import { allSteps } from '../plan/walk.js';
import type { Coverage, CoverageAxis } from '../report/coverage.js';
import { runDecisions, type Scenario } from '../scenario/schema.js';
import { FAULTS, FAULT_KINDS, packageFor, packageOf, type FaultKind } from './registry.js';
import type { Policy } from '../policy/schema.js';

/**
 * The coverage model: the shapes of run that durability bugs live in, as cells in five
 * axes (decision 0040). Each cell is `axis/row/place`:
 * - steps: a step kind at a position (first of the run, first of a branch, inside a
 *   parallel group, right after an approval, right after a sleep);
 * - pending: two approvals waiting at once, or one after another;
 * - decisions: what the human did (approve, reject, or nothing until the timeout);
 * - faults: each fault kind at each place its package declares (Places in package.ts);
 * - struck: where the step a fault lands on sits (a crash after a rejection, a lost
 *   answer inside a parallel group; where agent steps run, inside a child's plan or
 *   after a child answered, decision 0070);
 * - policies: each rule a case declares, judged only or enforced by the ledger (where
 *   the suite or `explore --policies` has them; decision 0059).
 * A new fault kind adds its row by declaring `coverage` in its package; a new step kind
 * adds a row to STEP_ROWS.
 */

/** Where a step sits in the run. */
export const POSITIONS = ['first-of-run', 'first-of-branch', 'in-parallel', 'after-approval', 'after-sleep'] as const;
type Position = (typeof POSITIONS)[number];
/**
 * Where a struck step sits: "after an approval" is any approval the run passed before
 * it, split by the decision taken there, which is what recovery must replay (a crash
 * anywhere on the path a rejection chose is a crash after a rejection).
 */
const STRUCK_POSITIONS = ['first-of-run', 'first-of-branch', 'in-parallel', 'after-approve', 'after-reject', 'after-timeout', 'after-sleep'] as const;
/**
 * Where a struck step sits against children, where agent steps run: inside a child's
 * plan (the child's worker dies, a second worker takes the child over), or in the
 * parent after a child answered (a resumed parent is handed the answer again).
 */
const CHILD_POSITIONS = ['in-child', 'after-child-answered'] as const;

/**
 * The positions each step kind can take in a generated plan: explore places a sleep
 * only between llm or tool steps (or first in the plan), so a sleep is never inside a
 * branch, and nothing but an llm or tool step follows one.
 */
const STEP_ROWS: Record<string, readonly Position[]> = {
  llm: POSITIONS,
  'tool-read': POSITIONS,
  'tool-write': POSITIONS,
  approval: ['first-of-run', 'first-of-branch', 'in-parallel', 'after-approval'],
  sleep: ['first-of-run'],
};

export interface ModelOptions {
  /** The fault kinds the run or exploration can have (default: every kind). */
  faultKinds?: readonly FaultKind[];
  /** False for runtimes without approval timeouts: no timeout cells. */
  timeouts?: boolean;
  /** True where agent steps run (the suite on an adapter that has them, explore --agents): an `agent` row. */
  agents?: boolean;
  /** The rules cases may declare, and whether they may be enforced: a `policies` axis (the suite; explore --policies). */
  policies?: { rules: readonly PolicyRule[]; enforced: boolean };
}

type PolicyRule = Policy['rule'];
/** Every rule, for the suite's model. */
export const POLICY_RULES: readonly PolicyRule[] = ['needs-approval', 'forbidden-tool', 'token-budget', 'call-budget'];

/** Where an agent step (a child run) can sit; the child's own steps are not placed (they run in another run). */
const AGENT_ROW: readonly Position[] = POSITIONS;

/** The axes and cells for these options, every cell at zero cases. */
export function coverageModel(o: ModelOptions = {}): CoverageAxis[] {
  const kinds = FAULT_KINDS.filter((k) => (o.faultKinds ?? FAULT_KINDS).includes(k));
  const timeouts = o.timeouts ?? true;
  const row = (id: string, places: readonly string[]) => ({ id, cells: places.filter((p) => timeouts || !p.includes('timeout')).map((place) => ({ place, cases: 0 })) });
  const struckRows = (['process', 'effect'] as const).filter((r) => kinds.some((k) => struckRow(k) === r));
  const struckPlaces = [...STRUCK_POSITIONS, ...(o.agents ? CHILD_POSITIONS : [])];
  return [
    { id: 'steps', title: 'Steps: where each kind of step sits', rows: [...Object.entries(STEP_ROWS), ...(o.agents ? [['agent', AGENT_ROW] as const] : [])].map(([id, ps]) => row(id, ps)) },
    { id: 'pending', title: 'Pending: approvals waiting together', rows: [row('approvals', ['two-at-once', 'two-in-a-row'])] },
    { id: 'decisions', title: 'Decisions: what the human did', rows: [row('human', ['approve', 'reject', 'timeout'])] },
    { id: 'faults', title: 'Faults: each kind where it strikes', rows: kinds.map((k) => row(k, packageFor(k).coverage.places)) },
    { id: 'struck', title: 'Struck: where the step a fault lands on sits', rows: struckRows.map((r) => row(r, struckPlaces)) },
    ...(o.policies ? [{ id: 'policies', title: 'Policies: each rule, judged or enforced', rows: o.policies.rules.map((r) => row(r, o.policies!.enforced ? ['judged', 'enforced'] : ['judged'])) }] : []),
  ].filter((a) => a.rows.some((r) => r.cells.length > 0)) as CoverageAxis[];
}

/** Every cell id of a model. */
export const cellIds = (model: readonly CoverageAxis[]): string[] => model.flatMap((a) => a.rows.flatMap((r) => r.cells.map((c) => `${a.id}/${r.id}/${c.place}`)));

/** Which row of the struck axis a kind's faults count in: process faults, and faults on one effect. */
function struckRow(kind: FaultKind): 'process' | 'effect' | undefined {
  const declared = packageFor(kind).coverage.struck;
  if (declared) return declared;
  const offer = FAULTS[kind].explore.offer;
  return offer === 'crash' || offer === 'process' ? 'process' : offer === 'effect' ? 'effect' : undefined;
}

/** A step as the steps axis names it. */
const stepRow = (s: Step) => (s.kind === 'tool' ? `tool-${s.mode}` : s.kind);

const AFTER: Record<Decision, (typeof STRUCK_POSITIONS)[number]> = { approved: 'after-approve', rejected: 'after-reject', 'timed-out': 'after-timeout' };

interface Placed {
  step: Step;
  positions: Position[];
  /** The decisions of every approval the run passed before this step (on its own path: enclosing ones, earlier ones, finished parallel groups), and 'child' once an agent step's child answered. */
  after: Set<Passed>;
  /** The parallel branches it runs in, outermost first, as "group#branch". */
  lanes: string[];
}

/** What a run passed before a step: an approval's decision, or an agent step (its child answered). */
type Passed = Decision | 'child';

/** The steps a run takes, each with its positions, on the path its humans' decisions choose. */
function placedSteps(s: Pick<Scenario, 'plan' | 'faults' | 'decisions'>, decisions: Scenario['decisions']): Placed[] {
  const out: Placed[] = [];
  const decide = (id: string) => expectedDecision(s as Scenario, id, decisions);
  /** Walks a sequence; returns the decisions taken in it, which come before whatever follows it. */
  const walk = (steps: Step[], where: { top: boolean; inParallel: boolean; lanes: string[]; before: ReadonlySet<Passed>; openedBy?: Decision }): Set<Passed> => {
    const passed = new Set(where.before);
    steps.forEach((step, i) => {
      const prev = steps[i - 1];
      const positions: Position[] = [];
      if (i === 0) positions.push(where.top ? 'first-of-run' : 'first-of-branch');
      if (where.inParallel) positions.push('in-parallel');
      if (i === 0 ? where.openedBy : prev?.kind === 'approval') positions.push('after-approval');
      if (prev?.kind === 'sleep') positions.push('after-sleep');
      out.push({ step, positions, after: new Set(passed), lanes: where.lanes });
      if (step.kind === 'agent') passed.add('child');
      if (step.kind === 'approval') {
        const d = decide(step.id);
        passed.add(d);
        for (const x of walk(branchTaken(step, d), { top: false, inParallel: where.inParallel, lanes: where.lanes, before: passed, openedBy: d })) passed.add(x);
      } else if (step.kind === 'parallel') {
        const inBranches = step.branches.map((b, j) => walk(b, { top: false, inParallel: true, lanes: [...where.lanes, `${step.id}#${j}`], before: passed }));
        for (const x of inBranches.flatMap((set) => [...set])) passed.add(x);
      }
    });
    return passed;
  };
  walk(s.plan.steps, { top: true, inParallel: false, lanes: [], before: new Set() });
  return out;
}

/** The cells one scenario exercises (over all its runs), as `axis/row/place` ids, sorted. */
export function cellsOf(s: Pick<Scenario, 'plan' | 'faults' | 'decisions' | 'runs'> & Partial<Pick<Scenario, 'policies'>>): string[] {
  const cells = new Set<string>();
  const add = (axis: string, row: string, place: string) => cells.add(`${axis}/${row}/${place}`);
  for (const p of s.policies ?? []) add('policies', p.rule, p.enforce ? 'enforced' : 'judged');
  for (const decisions of runDecisions(s)) {
    const placed = placedSteps(s, decisions);
    const at = new Map(placed.map((p) => [p.step.id, p] as const));
    for (const p of placed) for (const pos of p.positions) add('steps', stepRow(p.step), pos);
    const approvals = placed.filter((p) => p.step.kind === 'approval');
    approvals.forEach((a, i) =>
      approvals.slice(i + 1).forEach((b) => add('pending', 'approvals', concurrent(a.lanes, b.lanes) ? 'two-at-once' : 'two-in-a-row')),
    );
    for (const p of approvals) {
      const d = expectedDecision(s as Scenario, p.step.id, decisions);
      add('decisions', 'human', d === 'approved' ? 'approve' : d === 'rejected' ? 'reject' : 'timeout');
    }
    // A child runs in its own run, so its steps are not placed; a fault on one strikes inside the child.
    const inChild = new Set(placed.flatMap((p) => (p.step.kind === 'agent' ? allSteps(p.step.plan).map((c) => c.id) : [])));
    // A child's approval is a human's decision all the same (decision 0112), on the path the oracle takes through the child.
    for (const [id, d] of Object.entries(computeOracle(s as Scenario, decisions).decisions)) {
      if (inChild.has(id)) add('decisions', 'human', d === 'approved' ? 'approve' : d === 'rejected' ? 'reject' : 'timeout');
    }
    for (const f of s.faults) {
      const anchor = 'step' in f ? at.get(f.step) : undefined;
      const childStep = 'step' in f && inChild.has(f.step);
      if ('step' in f && !anchor && !childStep) continue; // never reached: it struck nothing
      for (const place of packageOf(f).coverage.placesOf(f)) add('faults', f.kind, place);
      const row = struckRow(f.kind);
      if (!row) continue;
      if (childStep) add('struck', row, 'in-child');
      if (!anchor) continue;
      for (const pos of anchor.positions) if (pos !== 'after-approval') add('struck', row, pos);
      for (const d of anchor.after) add('struck', row, d === 'child' ? 'after-child-answered' : AFTER[d]);
    }
  }
  return [...cells].sort();
}

/** Two steps run at once when their lanes part at one parallel group, in different branches. */
function concurrent(a: readonly string[], b: readonly string[]): boolean {
  for (let i = 0; i < Math.min(a.length, b.length); i++) {
    if (a[i] === b[i]) continue;
    return a[i]!.split('#')[0] === b[i]!.split('#')[0];
  }
  return false;
}

/** The model's cells with how many of these case's cell lists hold each: what a report carries. */
export function tally(of: Coverage['of'], model: readonly CoverageAxis[], cases: readonly (readonly string[])[]): Coverage {
  const counts = new CellCounts();
  for (const cells of cases) counts.add(cells);
  return counts.tally(of, model);
}

/** How many cases exercised each cell, counted as cases end: a long explore keeps no list of them. */
export class CellCounts {
  private readonly counts = new Map<string, number>();
  add(cells: readonly string[]): void {
    for (const c of cells) this.counts.set(c, (this.counts.get(c) ?? 0) + 1);
  }
  tally(of: Coverage['of'], model: readonly CoverageAxis[]): Coverage {
    return tallyCounts(of, model, this.counts);
  }
}

function tallyCounts(of: Coverage['of'], model: readonly CoverageAxis[], counts: ReadonlyMap<string, number>): Coverage {
  return {
    of,
    axes: model.map((a) => ({ ...a, rows: a.rows.map((r) => ({ ...r, cells: r.cells.map((c) => ({ place: c.place, cases: counts.get(`${a.id}/${r.id}/${c.place}`) ?? 0 })) })) })),
  };
}
