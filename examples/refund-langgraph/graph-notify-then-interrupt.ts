// The same agent with the approvers notified inside human_review, just before
// interrupt(): the pattern the LangGraph docs warn about. On resume the node runs
// again from its start, so the approvers are notified a second time.
import { END, MessagesAnnotation, START, StateGraph } from '@langchain/langgraph';
import type { BaseCheckpointSaver, LangGraphRunnableConfig } from '@langchain/langgraph';
import { ToolNode, toolsCondition } from '@langchain/langgraph/prebuilt';
import { callModel, humanReview, pendingCall } from './graph.ts';
import { notifyApprovers, tools } from './tools.ts';

async function notifyThenReview(state: typeof MessagesAnnotation.State, config: LangGraphRunnableConfig) {
  await notifyApprovers(config.configurable!.thread_id, pendingCall(state).args);
  return humanReview(state); // interrupt(): the first time, the node stops here; on resume it ran again from the top
}

export function buildGraph(checkpointer: BaseCheckpointSaver) {
  return new StateGraph(MessagesAnnotation)
    .addNode('agent', callModel)
    .addNode('human_review', notifyThenReview, { ends: ['tools', 'agent'] })
    .addNode('tools', new ToolNode(tools))
    .addEdge(START, 'agent')
    .addConditionalEdges('agent', toolsCondition, { tools: 'human_review', [END]: END })
    .addEdge('tools', 'agent')
    .compile({ checkpointer });
}
