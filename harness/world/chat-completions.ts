import { createHash } from 'node:crypto';
import { usageOf, type ModelTurn } from './script.js';

// The OpenAI Chat Completions face of the scripted model: what a real endpoint returns,
// field for field where clients read them, so the `openai` client needs no change.

export interface ModelReply {
  contentType: string;
  body: string;
}

const idFor = (runId: string, turn: number) => createHash('sha256').update(`${runId}\u0000${turn}`).digest('hex').slice(0, 24);

function message(turn: ModelTurn, callId: string) {
  if ('text' in turn) return { role: 'assistant', content: turn.text, refusal: null };
  return {
    role: 'assistant',
    content: null,
    refusal: null,
    tool_calls: [{ id: callId, type: 'function', function: { name: turn.tool, arguments: JSON.stringify(turn.args) } }],
  };
}

export function chatCompletion(runId: string, turnNo: number, turn: ModelTurn, model: string, stream: boolean): ModelReply {
  const id = `chatcmpl-${idFor(runId, turnNo)}`;
  const callId = `call_${idFor(runId, turnNo).slice(0, 16)}`;
  const created = 1_700_000_000 + turnNo;
  const u = usageOf(turn);
  const usage = { prompt_tokens: u.prompt, completion_tokens: u.completion, total_tokens: u.prompt + u.completion };
  const finish = 'text' in turn ? 'stop' : 'tool_calls';
  if (!stream) {
    const body = { id, object: 'chat.completion', created, model, choices: [{ index: 0, message: message(turn, callId), logprobs: null, finish_reason: finish }], usage };
    return { contentType: 'application/json', body: JSON.stringify(body) };
  }
  const chunk = (delta: object, finish_reason: string | null, extra: object = {}) =>
    `data: ${JSON.stringify({ id, object: 'chat.completion.chunk', created, model, choices: [{ index: 0, delta, logprobs: null, finish_reason }], ...extra })}\n\n`;
  const parts = [chunk({ role: 'assistant', content: '' }, null)];
  if ('text' in turn) {
    // Two content deltas, so a client that only reads the first one is caught.
    const mid = Math.ceil(turn.text.length / 2);
    parts.push(chunk({ content: turn.text.slice(0, mid) }, null), chunk({ content: turn.text.slice(mid) }, null));
  } else {
    const args = JSON.stringify(turn.args);
    parts.push(
      chunk({ tool_calls: [{ index: 0, id: callId, type: 'function', function: { name: turn.tool, arguments: '' } }] }, null),
      chunk({ tool_calls: [{ index: 0, function: { arguments: args } }] }, null),
    );
  }
  parts.push(chunk({}, finish));
  // Usage comes last in its own chunk, as the API sends it with stream_options.include_usage.
  parts.push(`data: ${JSON.stringify({ id, object: 'chat.completion.chunk', created, model, choices: [], usage })}\n\n`, 'data: [DONE]\n\n');
  return { contentType: 'text/event-stream', body: parts.join('') };
}
