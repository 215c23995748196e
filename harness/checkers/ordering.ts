import { dependencyGraph, effectPreds, endOf, startOf } from './dependencies.js';
import { ms } from './observe.js';
import { failWith, pass, type Checker, type Evidence } from './verdict.js';

/** Effects respect the plan's order and dependencies: nothing starts before what it depends on finished. */
export const ordering: Checker = {
  id: 'ordering',
  check({ scenario, oracle, history }) {
    const graph = dependencyGraph(scenario.plan, oracle);
    const nodes = new Map(graph.map((n) => [n.id, n] as const));
    const evidence: Evidence[] = [];
    for (const node of graph) {
      const start = startOf(history, node);
      if (start === undefined) continue;
      for (const pred of effectPreds(nodes, node)) {
        const end = endOf(history, nodes, pred);
        if (end === undefined) evidence.push({ step: node.id, message: `${node.id} started at +${ms(start - history.startedAt)} though ${pred}, which comes before it, never completed` });
        else if (start < end) evidence.push({ step: node.id, message: `${node.id} started at +${ms(start - history.startedAt)}, before ${pred} completed at +${ms(end - history.startedAt)}` });
      }
    }
    return evidence.length ? failWith(evidence) : pass();
  },
};
