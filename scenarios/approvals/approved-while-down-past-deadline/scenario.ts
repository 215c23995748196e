import { defineScenario } from '../../../harness/scenario/schema.js';

export default defineScenario({
  category: 'approvals',
  description: 'the worker dies while a release waits for its owner, who approves while it is down, well before the deadline; the worker is back only well after it: the run may take the approval or time out, but the owner must not be told "ok" for an approval the run never took',
  plan: {
    name: 'release-approval',
    steps: [
      { kind: 'llm', id: 'summarise-release', tokens: 900 },
      {
        kind: 'approval',
        id: 'approve-release',
        timeoutMs: 2500,
        onTimeout: 'reject',
        approved: [{ kind: 'tool', id: 'ship-release', tool: 'ci.deploy', mode: 'write' }],
        rejected: [{ kind: 'tool', id: 'notify-owner', tool: 'email.send', mode: 'write' }],
      },
    ],
  },
  decisions: { 'approve-release': 'approve' },
  // The crash lands 400 ms into the wait (2.5 s leaves no room above the window's min);
  // the owner approves half a downtime later, at +1.9 s, 600 ms before the deadline; the
  // worker restarts at +3.4 s, so the outage spans the deadline by far more than the
  // race margin: what the run does is the runtime's design, not a race (decision 0039).
  faults: [{ kind: 'crash-worker', step: 'approve-release', at: 'waiting', downtimeMs: 3000 }],
});
