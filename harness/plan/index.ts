// agentcheck/plan: what an interpreter needs to walk a plan. Pure and deterministic,
// with no Node built-ins, so it loads inside a workflow sandbox (Temporal's) as well
// as in a worker process.
export { executePlan, branchTaken, sortOutput, agentResult, childRunId, type Primitives, type RunOutput, type Decision } from './execute.js';
export { allSteps, isEffectStep } from './walk.js';
export { agentsAround, runWaitingAt, decisionsTaken } from './child-approvals.js';
export type { Plan, Step, LlmStep, ToolStep, SleepStep, ApprovalStep, ParallelStep, AgentStep } from './schema.js';
