import { branchTaken } from '../plan/execute.js';
import type { Plan, Step } from '../plan/schema.js';
import type { Oracle } from '../oracle.js';
import type { CaseHistory } from '../history.js';
import { firstAnswer, firstRequestAt } from './observe.js';

/** A step on the taken path and the steps that must finish before it may start. */
export interface PlanNode {
  id: string;
  kind: 'effect' | 'approval' | 'sleep';
  preds: string[];
  ms?: number;
}

/** The taken path as a dependency graph: sequences chain, parallel branches fan out and join, a child's steps run in its agent step's place. */
export function dependencyGraph(plan: Pick<Plan, 'steps'>, oracle: Oracle): PlanNode[] {
  const nodes: PlanNode[] = [];
  const walk = (steps: Step[], frontier: string[]): string[] => {
    for (const step of steps) {
      switch (step.kind) {
        case 'llm':
        case 'tool':
          nodes.push({ id: step.id, kind: 'effect', preds: frontier });
          frontier = [step.id];
          break;
        case 'sleep':
          nodes.push({ id: step.id, kind: 'sleep', preds: frontier, ms: step.ms });
          frontier = [step.id];
          break;
        case 'approval':
          nodes.push({ id: step.id, kind: 'approval', preds: frontier });
          frontier = walk(branchTaken(step, oracle.decisions[step.id] ?? 'timed-out'), [step.id]);
          break;
        case 'parallel': {
          const start = frontier;
          frontier = step.branches.flatMap((b) => walk(b, start));
          break;
        }
        case 'agent':
          // The parent waits for its child: the child's steps sit in the parent's sequence.
          frontier = walk(step.plan.steps, frontier);
          break;
      }
    }
    return frontier;
  };
  walk(plan.steps, []);
  return nodes;
}

/** When a node was first entered, as far as the outside world can tell. */
export function startOf(history: CaseHistory, node: PlanNode): number | undefined {
  return node.kind === 'sleep' ? undefined : firstRequestAt(history, node.id);
}

/** When a node first finished: its first answer (for an approval, its request's answer). */
export function endOf(history: CaseHistory, nodes: Map<string, PlanNode>, id: string): number | undefined {
  const node = nodes.get(id);
  if (!node) return undefined;
  if (node.kind === 'sleep') {
    // A sleep ends no earlier than what came before it; durable-timers checks its length.
    const ends = node.preds.map((p) => endOf(history, nodes, p));
    return ends.every((e) => e !== undefined) ? Math.max(history.startedAt, ...(ends as number[])) : undefined;
  }
  return firstAnswer(history, id)?.finishedAt;
}

/** Predecessors with sleeps looked through: the effects a node really waits on. */
export function effectPreds(nodes: Map<string, PlanNode>, node: PlanNode): string[] {
  return node.preds.flatMap((p) => (nodes.get(p)?.kind === 'sleep' ? effectPreds(nodes, nodes.get(p)!) : [p]));
}
