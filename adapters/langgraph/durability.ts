import { CouldNotRunError } from '../../harness/kit.js';

// LangGraph's `durability` invoke option: when a superstep's checkpoint is saved.
// "async" (LangGraph's default) saves it while the next superstep runs; "sync" before
// the next one starts; "exit" only when the graph stops. The adapter runs LangGraph's
// default unless the user picks another, to check the fix docs/adapters/langgraph.md
// recommends: the scorecard then shows what that choice buys.

export const DURABILITY_ENV = 'AGENTCHECK_LANGGRAPH_DURABILITY';
const MODES = ['async', 'sync', 'exit'] as const;
export type Durability = (typeof MODES)[number];

/** The mode the user asked for, or undefined for LangGraph's default. */
export function durabilityFromEnv(env: NodeJS.ProcessEnv = process.env): Durability | undefined {
  const value = env[DURABILITY_ENV];
  if (!value) return undefined;
  if ((MODES as readonly string[]).includes(value)) return value as Durability;
  throw new CouldNotRunError(`${DURABILITY_ENV}=${value}: expected one of ${MODES.join(', ')} (LangGraph's durability option), or unset for LangGraph's default (async)`);
}
