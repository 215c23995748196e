import { drawFor } from '../faults/draw.js';
import type { Moments } from '../faults/package.js';
import type { FaultAction, InjectPorts } from '../faults/ports.js';
import { packageOf, type Fault } from '../faults/registry.js';
import type { HistoryLog } from '../history.js';
import type { Plan } from '../plan/schema.js';

/** A fault of the case with the moments its seed chose for it. */
export interface ArmedFault {
  fault: Fault;
  /** Its place in the scenario's list: history events name it by this. */
  index: number;
  moments: Moments;
}

/** Draw every fault's moments from (seed, case id); the same pair gives the same moments. */
export function drawFaults(faults: Fault[], plan: Plan, seed: number, caseId: string): ArmedFault[] {
  return faults.map((fault, index) => ({ fault, index, moments: packageOf(fault).draw(fault, drawFor(seed, caseId, index), plan) }));
}

/** What the case offers every fault; `note` is added per fault. */
export type CasePorts = Omit<InjectPorts, 'note'> & { log: HistoryLog };

/** Record each fault's drawn moments in the history, then install its injection. */
export function armFaults(armed: ArmedFault[], ports: CasePorts): void {
  for (const { fault, index, moments } of armed) {
    const pkg = packageOf(fault);
    const note = (action: FaultAction, detail?: string, drawn?: Moments) =>
      ports.log.add({ type: 'fault', at: Date.now(), fault: index, kind: fault.kind, action, detail: detail ?? pkg.describe(fault), ...(drawn ? { drawn } : {}) });
    if (Object.keys(moments).length) note('drawn', `${pkg.describe(fault)}: ${Object.entries(moments).map(([k, v]) => `${k} ${v}`).join(', ')}`, moments);
    pkg.inject?.(fault, moments, { ...ports, note });
  }
}
