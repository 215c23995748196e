import { defineExhibit } from '../exhibit.js';

export default defineExhibit({
  bug: 'langchain-ai/langgraph#5898',
  adapter: 'langgraph-py-functional',
  // Two approvals in a row, both asked by interrupt() in the one entrypoint task; the
  // functional adapter answers by interrupt id, a resume map (README.md).
  scenario: 'approvals/several-approvals',
  affected: ['langgraph==0.6.4'],
  fixed: ['langgraph==0.6.5'],
  // The first answer, given as a map, was never saved: the second answer went to the
  // first question, the second question was asked again and never answered, and the run
  // never ended (completes, approval-integrity). Its output and effects are then unknown.
  catches: ['completes', 'approval-integrity'],
  repeat: 2,
  // A restarted Python worker took up to ~7 s to be ready on this machine; the default
  // 10 s after the faults heal is close to that.
  timeoutMs: 30_000,
  // Each run of 0.6.4 waits out the 30 s deadline: minutes, too long for `npm test`.
  long: true,
});
