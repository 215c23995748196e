import { createHash } from 'node:crypto';
import type { ModelReply } from './chat-completions.js';
import { usageOf, type ModelTurn } from './script.js';

// The Anthropic Messages face of the scripted model (POST /v1/messages): what the API
// returns, field for field where clients read them, so `@anthropic-ai/sdk` needs no change.

const idFor = (runId: string, turn: number) => createHash('sha256').update(`anthropic\u0000${runId}\u0000${turn}`).digest('hex').slice(0, 24);

function content(turn: ModelTurn, toolId: string) {
  if ('text' in turn) return [{ type: 'text', text: turn.text }];
  return [{ type: 'tool_use', id: toolId, name: turn.tool, input: turn.args }];
}

export function anthropicMessage(runId: string, turnNo: number, turn: ModelTurn, model: string, stream: boolean): ModelReply {
  const id = `msg_${idFor(runId, turnNo)}`;
  const toolId = `toolu_${idFor(runId, turnNo).slice(0, 20)}`;
  const u = usageOf(turn);
  const stop_reason = 'text' in turn ? 'end_turn' : 'tool_use';
  const usage = { input_tokens: u.prompt, output_tokens: u.completion, cache_creation_input_tokens: 0, cache_read_input_tokens: 0 };
  if (!stream) {
    const body = { id, type: 'message', role: 'assistant', model, content: content(turn, toolId), stop_reason, stop_sequence: null, usage };
    return { contentType: 'application/json', body: JSON.stringify(body) };
  }
  const event = (type: string, data: object) => `event: ${type}\ndata: ${JSON.stringify({ type, ...data })}\n\n`;
  // The input tokens come with message_start, the output tokens with message_delta, as the API sends them.
  const parts = [event('message_start', { message: { id, type: 'message', role: 'assistant', model, content: [], stop_reason: null, stop_sequence: null, usage: { ...usage, output_tokens: 1 } } })];
  // Two deltas per block, so a client that only reads the first one is caught.
  const halves = (s: string) => [s.slice(0, Math.ceil(s.length / 2)), s.slice(Math.ceil(s.length / 2))];
  if ('text' in turn) {
    parts.push(event('content_block_start', { index: 0, content_block: { type: 'text', text: '' } }));
    for (const text of halves(turn.text)) parts.push(event('content_block_delta', { index: 0, delta: { type: 'text_delta', text } }));
  } else {
    parts.push(event('content_block_start', { index: 0, content_block: { type: 'tool_use', id: toolId, name: turn.tool, input: {} } }));
    for (const partial_json of halves(JSON.stringify(turn.args))) parts.push(event('content_block_delta', { index: 0, delta: { type: 'input_json_delta', partial_json } }));
  }
  parts.push(
    event('content_block_stop', { index: 0 }),
    event('message_delta', { delta: { stop_reason, stop_sequence: null }, usage: { output_tokens: u.completion } }),
    event('message_stop', {}),
  );
  return { contentType: 'text/event-stream', body: parts.join('') };
}
