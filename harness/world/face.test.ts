import { describe, expect, it } from 'vitest';
import { answerCall, type WorldCall, type WorldSpec } from './face.js';

const world: WorldSpec = {
  runId: 'r1',
  seed: 7,
  principal: 'user-abc',
  hosts: {
    'api.openai.com': { model: 'openai', writes: [] },
    'api.stripe.com': { writes: ['POST /v1/refunds'], idempotencyHeader: 'Idempotency-Key', identityHeader: 'Authorization' },
  },
  model: [{ tool: 'issue_refund', args: { charge: 'ch_1' } }, { text: 'Done.', usage: { prompt: 10, completion: 5 } }],
};
const counter = () => {
  const seen = new Map<string, number>();
  return (label: string) => {
    seen.set(label, (seen.get(label) ?? 0) + 1);
    return seen.get(label)!;
  };
};
const chat = (messages: object[], stream = false): WorldCall => ({ method: 'POST', url: 'https://api.openai.com/v1/chat/completions', headers: {}, body: JSON.stringify({ model: 'gpt-4o-mini', messages, stream }) });
const reply = (a: ReturnType<typeof answerCall>) => {
  if ('refused' in a) throw new Error(a.refused);
  return a.reply;
};

const claude: WorldSpec = { ...world, hosts: { 'api.anthropic.com': { model: 'anthropic', writes: [] } } };
const messages = (msgs: object[], stream = false): WorldCall => ({ method: 'POST', url: 'https://api.anthropic.com/v1/messages', headers: {}, body: JSON.stringify({ model: 'claude-sonnet-4-5', max_tokens: 1024, messages: msgs, stream }) });
const sse = (body: string) => body.split('\n\n').filter(Boolean).map((block) => {
  const [event, data] = block.split('\n');
  return { event: event.replace(/^event: /, ''), data: JSON.parse(data.replace(/^data: /, '')) };
});

describe('the world an unmodified agent calls', () => {
  it('the Anthropic face answers a tool_use block with its usage, and streams a text answer as the API does', () => {
    const first = answerCall(claude, messages([{ role: 'user', content: 'refund' }]), counter());
    expect(first.effect).toMatchObject({ kind: 'llm', stepId: 'messages turn 1', tokens: 440, call: { label: 'messages', nth: 1 } });
    expect(JSON.parse(reply(first).body)).toMatchObject({
      type: 'message', role: 'assistant', stop_reason: 'tool_use',
      content: [{ type: 'tool_use', id: expect.stringMatching(/^toolu_/), name: 'issue_refund', input: { charge: 'ch_1' } }],
      usage: { input_tokens: 400, output_tokens: 40 },
    });
    const streamed = reply(answerCall(claude, messages([{ role: 'user', content: 'x' }, { role: 'assistant', content: [] }], true), counter()));
    expect(streamed.contentType).toBe('text/event-stream');
    const events = sse(streamed.body);
    expect(events.map((e) => e.event)).toEqual(['message_start', 'content_block_start', 'content_block_delta', 'content_block_delta', 'content_block_stop', 'message_delta', 'message_stop']);
    expect(events.every((e) => e.data.type === e.event)).toBe(true);
    expect(events.filter((e) => e.event === 'content_block_delta').map((e) => e.data.delta.text).join('')).toBe('Done.');
    expect([events[0].data.message.usage.input_tokens, events[5].data.usage.output_tokens, events[5].data.delta.stop_reason]).toEqual([10, 5, 'end_turn']);
    // The OpenAI route on an Anthropic host is not what the model speaks there.
    expect(answerCall(claude, { ...messages([]), url: 'https://api.anthropic.com/v1/chat/completions' }, counter())).toMatchObject({ refused: expect.stringMatching(/\(anthropic\) answers POST …\/messages only/) });
  });

  it('the model answers the turn the conversation asks for, so a replay gets the same answer', () => {
    const nth = counter();
    const first = answerCall(world, chat([{ role: 'user', content: 'refund' }]), nth);
    const again = answerCall(world, chat([{ role: 'user', content: 'refund' }]), nth);
    expect(reply(first).body).toBe(reply(again).body);
    expect(JSON.parse(reply(first).body).choices[0].message.tool_calls[0].function).toEqual({ name: 'issue_refund', arguments: '{"charge":"ch_1"}' });
    expect(first.effect).toMatchObject({ kind: 'llm', stepId: 'chat.completions turn 1', tokens: 440, call: { label: 'chat.completions', nth: 1 } });
    expect(again.effect.call?.nth).toBe(2);
  });

  it('streams the text answer as SSE chunks ending with usage and [DONE]', () => {
    const a = answerCall(world, chat([{ role: 'user', content: 'x' }, { role: 'assistant', content: null }], true), counter());
    const r = reply(a);
    expect(r.contentType).toBe('text/event-stream');
    const chunks = r.body.split('\n\n').filter(Boolean).map((l) => l.replace(/^data: /, ''));
    expect(chunks.at(-1)).toBe('[DONE]');
    const parsed = chunks.slice(0, -1).map((c) => JSON.parse(c));
    expect(parsed.map((c) => c.choices[0]?.delta?.content ?? '').join('')).toBe('Done.');
    expect(parsed.at(-1).usage).toEqual({ prompt_tokens: 10, completion_tokens: 5, total_tokens: 15 });
  });

  it('refuses a turn past the end of the script, and a host nobody declared', () => {
    expect(answerCall(world, chat([{ role: 'assistant' }, { role: 'assistant' }]), counter())).toMatchObject({ refused: expect.stringMatching(/has 2 turns; the agent asked for turn 3/) });
    expect(answerCall(world, { method: 'GET', url: 'https://example.org/', headers: {}, body: '' }, counter())).toMatchObject({ refused: expect.stringMatching(/undeclared host example.org/) });
  });

  it('a service write carries its route, key and identity, and answers a realistic body from the seed', () => {
    const call: WorldCall = {
      method: 'POST',
      url: 'https://api.stripe.com/v1/refunds',
      headers: { 'idempotency-key': 'k1', authorization: 'Bearer user-abc', 'content-type': 'application/x-www-form-urlencoded' },
      body: 'charge=ch_1&amount=500',
    };
    const a = answerCall(world, call, counter());
    expect(a.effect).toMatchObject({ kind: 'tool', mode: 'write', idempotencyKey: 'api.stripe.com\u0000k1', call: { label: 'POST api.stripe.com/v1/refunds', nth: 1, identity: 'run' } });
    const body = JSON.parse(reply(a).body);
    expect(body).toMatchObject({ object: 'refund', charge: 'ch_1', amount: '500', status: 'succeeded' });
    expect(body.id).toMatch(/^ref_\w{14}$/);
    expect(reply(answerCall(world, call, counter())).body).toBe(reply(a).body);
  });

  it('a read is a read; a call with the service key instead of the principal is another identity; none is missing', () => {
    const get = (authorization?: string) => answerCall(world, { method: 'GET', url: 'https://api.stripe.com/v1/charges/ch_1', headers: authorization ? { authorization } : {}, body: '' }, counter()).effect;
    expect(get('Bearer user-abc')).toMatchObject({ mode: 'read', call: { identity: 'run' } });
    expect(get('Bearer sk_live_service').call?.identity).toBe('other');
    expect(get().call?.identity).toBe('missing');
  });
});
