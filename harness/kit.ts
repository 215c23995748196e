// agentcheck/kit: the helpers an adapter's code uses at run time, in the harness and in
// its workers. Light on purpose (no scenario engine, no checkers, no fast-check): a
// worker loads it on every start, and a restart after a crash must stay cheap.
// The contract's types come from `agentcheck`, the plan walk from `agentcheck/plan`.
export { announceReady, announceIdle, exitOnTerm, callWithRetry, sleep, spareHints, waitForCase, type CaseHandOver } from './worker-kit.js';
export { callEffect, ledgerFromEnv, EffectCallError, type LedgerAddress } from './ledger/client.js';
// A POST to the harness's own servers without loading node:http (decision 0123).
export { postOverSocket, PostError, type PostAnswer } from './ledger/post.js';
export type { EffectRequest } from './ledger/events.js';
export { spawnProcess, type ManagedProcess, type SpawnOptions, type ExitInfo } from './process/supervisor.js';
export { freePort } from './process/ports.js';
export { Replicas } from './process/replicas.js';
export { cacheDir, packageRoot, scriptBeside } from './paths.js';
export { CouldNotRunError } from './errors.js';
export { runtimePackageVersion } from './runtime-modules/version.js';
export { pinnedPackageFolders } from './runtime-modules/redirect.js';
// What a traced runtime's application sends with a call: its span's context (docs/traces.md).
export { traceHeaders } from './traces/call-context.js';
