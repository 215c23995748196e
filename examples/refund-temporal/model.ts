import OpenAI from 'openai';

export type Message = OpenAI.Chat.Completions.ChatCompletionMessageParam & { tool_calls?: { id: string; function: { name: string; arguments: string } }[]; content?: string | null };

const openai = new OpenAI({ apiKey: process.env.OPENAI_API_KEY ?? 'sk-example' });

const tools: OpenAI.Chat.Completions.ChatCompletionTool[] = [
  {
    type: 'function',
    function: {
      name: 'issue_refund',
      description: 'Refund a charge, after a person approves it',
      parameters: { type: 'object', properties: { charge: { type: 'string' }, amount: { type: 'number' } }, required: ['charge', 'amount'] },
    },
  },
];

/** Activity: one model turn. */
export async function callModel(messages: Message[]): Promise<Message> {
  const completion = await openai.chat.completions.create({ model: 'gpt-4o-mini', messages, tools });
  return completion.choices[0].message as Message;
}
