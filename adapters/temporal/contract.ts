import { defineSignal, defineUpdate } from '@temporalio/workflow';
import type { Plan } from '../../harness/plan/index.js';

// What the harness side and the workflow agree on: the workflow's name and input,
// and the approval signal and update. Imported by the workflow sandbox and by the client.

/** The workflow type that interprets agent plans (the exported function in workflow.ts). */
export const WORKFLOW_TYPE = 'agentPlan';

export interface AgentPlanInput {
  /** The harness's run id, which the ledger files every effect under. */
  runId: string;
  plan: Plan;
  /** Set for a child workflow (an agent step): its own workflow id, and the parent's agent step. */
  child?: { childRun: string; agentStep: string };
  /** The task queue child workflows run on, polled by a worker process of their own (decision 0110); absent: the parent's. */
  childTaskQueue?: string;
}

export interface ApprovalMessage {
  stepId: string;
  decision: 'approve' | 'reject';
}

/** A human's decision on one approval step. Signals sent before the workflow waits are kept in its history. */
export const approvalSignal = defineSignal<[ApprovalMessage]>('approval');

/**
 * The same decision as an update (AGENTCHECK_TEMPORAL_APPROVAL=update): the caller
 * waits until the workflow took it and gets the decision the run will act on. Its
 * validator refuses a second decision on a step and one on a wait that ended; a
 * refused update is not written to the history. Updates that come before the workflow
 * waits are taken as signals are.
 */
export const decideUpdate = defineUpdate<'approved' | 'rejected', [ApprovalMessage]>('decide');

/** The input of the activity that runs one llm or tool step. */
export interface EffectInput {
  runId: string;
  /** The child workflow making the call, when a child makes it. */
  childRun?: string;
  stepId: string;
  kind: 'llm' | 'tool';
  tool?: string;
  mode?: 'read' | 'write';
  tokens?: number;
}
