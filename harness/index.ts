// agentcheck's public API: the adapter contract, scenarios, checkers and the suite.
// Adapter code also uses agentcheck/kit (processes, ports, worker helpers, the ledger
// client: harness/kit.ts) and agentcheck/plan (the plan walk: harness/plan/index.ts).
export { defineScenario, Scenario, Category, type ScenarioInput } from './scenario/schema.js';
export { Fault, describeFault, type FaultInput } from './faults/registry.js';
export { Plan, Step, type PlanInput } from './plan/schema.js';
export { executePlan, branchTaken, type Primitives, type RunOutput, type Decision } from './plan/index.js';
export type { Adapter, CaseContext, CaseRuntime, Capability, ReadsHistory, RestartsRuntime, RunResult, RuntimeHistory, WorkerSpec, NodeWorker, CommandWorker } from './adapter.js';
export { BUSY_MARKER, IDLE_MARKER, READY_MARKER, isCommandWorker } from './adapter.js';
export type { LedgerAddress } from './ledger/client.js';
export type { EffectRequest, LedgerEvent, Outcome } from './ledger/events.js';
export { checkers, compose } from './checkers/index.js';
export type { Checker, CheckInput, PropertyId, PropertyResult, Verdict } from './checkers/verdict.js';
export { computeOracle, type Oracle } from './oracle.js';
export { runCase, type CaseResult } from './case/run-case.js';
export { defineConfig, type AgentConfigInput } from './agent/config.js';
export type { AgentRuntime, RuntimeForCase, RuntimeRecord, RecordedStep } from './agent/runtime.js';
export { runSuite } from './run-suite.js';
export { loadScenarioFile } from './scenario/load.js';
export { selectScenarios } from './scenario/discover.js';
export { loadAdapter } from './load-adapter.js';
export { Report, SCHEMA_VERSION } from './report/schema.js';
export { scoreCases, levelOf } from './scorecard.js';
export type { CaseMetrics, CaseVerdict, Evidence, Repeats } from './report/case.js';
export { CATEGORY_TITLES, LEVEL_TITLES, type CategoryScore, type Level, type Scorecard } from './report/scorecard.js';
export { describeRepeats } from './report/repeats.js';
export type { Reporter, RunStart, CaseStart, CaseEnd, RepetitionEnd, ShrinkStart, ShrinkTry } from './report/reporter.js';
export { explore, exploreInVitest, ExplorationFailed, replayPath, scenarioArbitrary, type ExploreOptions, type ExploreResult, type ExploreFailure, type ExploreInVitestOptions, type ReplayOptions, type GenerateOptions, type GeneratedScenario } from './explore/index.js';
