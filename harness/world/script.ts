import { z } from 'zod';

/** Tokens one model turn costs, as the provider would bill them. */
export const Usage = z.object({ prompt: z.number().int().nonnegative(), completion: z.number().int().nonnegative() });

/**
 * One turn of the scripted model: it calls a tool (the agent runs it) or answers in
 * text (the run's last turn). Which turn a request is comes from the conversation it
 * sends, never from a counter, so an agent replaying after a crash gets the same answer.
 */
export const ModelTurn = z.union([
  z.object({ tool: z.string().min(1), args: z.record(z.string(), z.unknown()).default({}), usage: Usage.optional() }).strict(),
  z.object({ text: z.string(), usage: Usage.optional() }).strict(),
]);
export type ModelTurn = z.infer<typeof ModelTurn>;

export const ModelScript = z.array(ModelTurn).min(1).refine((turns) => 'text' in turns[turns.length - 1], {
  message: 'the last turn must be a text answer (it ends the run)',
});
export type ModelScript = z.infer<typeof ModelScript>;

export const DEFAULT_USAGE = { prompt: 400, completion: 40 } as const;
export const usageOf = (turn: ModelTurn) => turn.usage ?? DEFAULT_USAGE;

/** The labels faults name model calls by: `chat.completions` (OpenAI), `messages` (Anthropic). */
export const MODEL_LABELS: readonly string[] = ['chat.completions', 'messages'];

/** A model call's step in the record: `chat.completions turn 2`. */
export const modelTurn = (label: string, turn: number) => `${label} turn ${turn}`;

/** Whether this recorded call is the model answering turn `turn` (any face). */
export const isModelTurn = (e: { kind: string; stepId: string }, turn: number) => e.kind === 'llm' && MODEL_LABELS.some((l) => e.stepId === modelTurn(l, turn));

/** The turn a chat request asks for: one more than the assistant messages it already holds. */
export function turnIndex(messages: unknown): number {
  if (!Array.isArray(messages)) return 0;
  return messages.filter((m) => (m as { role?: unknown })?.role === 'assistant').length;
}
