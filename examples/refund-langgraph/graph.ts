// The refund agent as a LangGraph.js graph, the way the human-in-the-loop docs teach
// "review a tool call": agent → request_approval → human_review (interrupt) → tools.
// The approvers are notified in a node of its own, so resuming human_review after the
// decision does not notify them again: a node runs again from its start on resume.
import { Command, END, MessagesAnnotation, START, StateGraph, interrupt } from '@langchain/langgraph';
import type { BaseCheckpointSaver, LangGraphRunnableConfig } from '@langchain/langgraph';
import type { AIMessage } from '@langchain/core/messages';
import { ToolNode, toolsCondition } from '@langchain/langgraph/prebuilt';
import { SystemMessage, ToolMessage } from '@langchain/core/messages';
import { model, notifyApprovers, tools } from './tools.ts';

type State = typeof MessagesAnnotation.State;
const SYSTEM = new SystemMessage('You handle refund requests. Use issue_refund when a refund is due.');

export async function callModel(state: State) {
  return { messages: [await model.invoke([SYSTEM, ...state.messages])] };
}

export const pendingCall = (state: State) => (state.messages.at(-1) as AIMessage).tool_calls![0];

async function requestApproval(state: State, config: LangGraphRunnableConfig) {
  await notifyApprovers(config.configurable!.thread_id, pendingCall(state).args);
  return {};
}

export function humanReview(state: State) {
  const call = pendingCall(state);
  const approved = interrupt({ question: 'Approve this refund?', args: call.args }) as boolean;
  if (approved) return new Command({ goto: 'tools' });
  return new Command({ goto: 'agent', update: { messages: [new ToolMessage({ tool_call_id: call.id!, content: 'A person rejected this refund.' })] } });
}

export const buildGraph = (checkpointer: BaseCheckpointSaver) => buildWithTools(checkpointer, tools);

export function buildWithTools(checkpointer: BaseCheckpointSaver, toolset: typeof tools) {
  return new StateGraph(MessagesAnnotation)
    .addNode('agent', callModel)
    .addNode('request_approval', requestApproval)
    .addNode('human_review', humanReview, { ends: ['tools', 'agent'] })
    .addNode('tools', new ToolNode(toolset))
    .addEdge(START, 'agent')
    .addConditionalEdges('agent', toolsCondition, { tools: 'request_approval', [END]: END })
    .addEdge('request_approval', 'human_review')
    .addEdge('tools', 'agent')
    .compile({ checkpointer });
}
