import { defineExhibit } from '../exhibit.js';

export default defineExhibit({
  bug: 'langchain-ai/langgraphjs#2604',
  adapter: 'langgraph',
  scenario: 'crash-recovery/crash-before-effect',
  affected: ['@langchain/langgraph@1.4.7'],
  fixed: ['@langchain/langgraph@1.4.8'],
  // `durability: "sync"` did not wait for a superstep's checkpoint before the next
  // superstep: a crash then finds finished nodes unsaved and runs them again
  // (step-isolation), or finds no checkpoint at all and the run is lost (completes).
  catches: ['step-isolation', 'effects-exactly-once', 'completes'],
  repeat: 3,
  env: { AGENTCHECK_LANGGRAPH_DURABILITY: 'sync' },
  postgres: true,
  // A restarted LangGraph worker took ~9 s to start at a load of 30; the default 10 s
  // made the fixed release fail completes too (a false alarm).
  timeoutMs: 60_000,
  // Six runs of ~20 s and a Postgres: ~3 min, too long for `npm test`.
  long: true,
});
