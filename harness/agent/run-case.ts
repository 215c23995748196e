import { randomBytes } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { startLedger, type Directive } from '../ledger/server.js';
import type { EffectRequest } from '../ledger/events.js';
import { freePort } from '../process/ports.js';
import type { ManagedProcess } from '../process/supervisor.js';
import { CouldNotRunError } from '../errors.js';
import { callApp, fill, type Vars } from './app-call.js';
import { approvalsOf, type AgentApproval, type AgentConfig, type AgentScenario } from './config.js';
import type { ParsedFault } from './faults.js';
import type { AgentDecision, AgentHistory, AgentPropertyResult, AgentVerdict } from './properties/history.js';
import { judgeAgentRun } from './properties/index.js';
import { agentPolicyGate } from './properties/policy.js';
import { refusedByPolicy } from '../policy/rules.js';
import { wastedTokens } from './properties/model-calls-once.js';
import { startAgentProcess } from './worker.js';
import { isModelTurn } from '../world/script.js';
import { baseUrlEnvironment } from '../ledger/base-url.js';
import { drawFor } from '../faults/draw.js';
import { IN_FLIGHT_MS } from '../timing.js';
import { startAgentRuntime } from './runtime.js';
import { restartsRuntime } from './faults.js';

export interface AgentCaseResult {
  scenario: string;
  seed: number;
  verdict: AgentVerdict;
  properties: AgentPropertyResult[];
  /** Why the case could not be decided on some point: a call the world refused. */
  notes: string[];
  wastedTokens: number;
  durationMs: number;
  history: AgentHistory;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
/** How long the runtime's server stays down on restart-runtime: the runtime adapters' default downtime. */
const RUNTIME_DOWNTIME_MS = 200;
/** How long the runtime may take to close a run after the agent's last answer, before its record is read anyway. */
const RECORD_WAIT_MS = 10_000;

/**
 * One scenario against the agent: a fresh world, the agent's worker started with the
 * interceptor or pointed at the world by base URLs, a run started through its app, the faults armed on the effects they
 * name, a crashed worker restarted (the agent's own recovery does the rest), the
 * decision delivered, and the recorded world judged.
 */
export async function runAgentCase(config: AgentConfig, dir: string, scenario: AgentScenario, seed: number, outDir: string): Promise<AgentCaseResult> {
  const started = Date.now();
  mkdirSync(outDir, { recursive: true });
  const runId = `${scenario.name}-${seed}`;
  const principal = `user-${randomBytes(6).toString('hex')}`;
  // Filled in as the run goes: the gate reads the person's decision when a call arrives.
  const workers: NonNullable<AgentHistory['workers']> = [];
  const history: AgentHistory = { events: [], finalTurn: scenario.model.length, faults: [], killedAt: [], policies: config.policies, startedAt: started, workers };
  // The runtime the config names: a server of agentcheck's own for this case, which restart-runtime may SIGKILL (decision 0104).
  const runtime = config.runtime ? await startAgentRuntime(config.runtime, join(outDir, 'runtime')) : undefined;
  const ledger = await startLedger({
    file: join(outDir, 'effects.jsonl'),
    world: { runId, seed, hosts: config.hosts, model: scenario.model, principal },
    ...(config.policies.some((p) => p.enforce) ? { refuse: agentPolicyGate(config.policies, history) } : {}),
  }).catch(async (err: unknown) => {
    await runtime?.stop();
    throw err;
  });
  history.events = ledger.events;
  // {caseDir}: the case's folder, for the agent's own state that must outlive a crash but not the case (a checkpoint file).
  const vars: Vars = { port: String(await freePort()), principal, caseDir: resolve(outDir) };
  const intercepted = config.access === 'intercept';
  const baseUrls = intercepted ? {} : baseUrlEnvironment(ledger.url, ledger.token, config.hosts);
  const env = { ...runtime?.env, PORT: vars.port, AGENTCHECK_LEDGER_URL: ledger.url, AGENTCHECK_LEDGER_TOKEN: ledger.token, AGENTCHECK_HOSTS: Object.keys(config.hosts).join(','), ...baseUrls };
  const logFile = join(outDir, 'worker.log');
  let worker: ManagedProcess | undefined;
  let app: ManagedProcess | undefined;
  // `worker` is the newest worker from the moment it exists: a restarted worker may resume its runs, and
  // meet the next crash, before it is ready, and that crash must kill it, not the one already dead.
  const startWorker = () =>
    startAgentProcess('worker', config.worker, dir, vars, env, logFile, intercepted, (p) => {
      worker = p;
      workers.push({ event: 'spawned', pid: p.pid, at: Date.now() });
    });
  let recovering: Promise<void> = Promise.resolve();
  let stopped = false;

  const crashAndRecover = async (fault: ParsedFault) => {
    history.faults.push({ text: fault.text, at: Date.now() });
    const dying = worker!;
    await dying.kill();
    history.killedAt.push(Date.now());
    workers.push({ event: 'killed', pid: dying.pid, at: Date.now() });
    // The agent's recovery is its own: agentcheck only starts its worker again. A restart
    // this crash cut short fails to come up: that is this crash's doing, not the agent's.
    const cutShort = recovering;
    recovering = (async () => {
      await cutShort.catch(() => undefined);
      if (!stopped) await startWorker();
    })();
  };
  // A runtime restart that failed leaves the case undecided: judging it would pass it without its fault.
  const runtimeNotes: string[] = [];
  const restartRuntime = async (fault: ParsedFault) => {
    history.faults.push({ text: fault.text, at: Date.now() });
    try {
      await runtime!.crash();
    } catch (err) {
      runtimeNotes.push(`${fault.text}: the crash failed: ${(err as Error).message}`);
      return;
    }
    (history.runtimeServer ??= []).push({ event: 'crash-runtime', at: Date.now(), fault: fault.text });
    // As the runtime adapters' restart-runtime: back on the same data after a short downtime; the worker lives on.
    const before = recovering;
    recovering = (async () => {
      await before.catch(() => undefined);
      await sleep(RUNTIME_DOWNTIME_MS);
      if (stopped) return;
      await runtime!.restart().then(
        () => void history.runtimeServer!.push({ event: 'runtime-restarted', at: Date.now(), fault: fault.text }),
        (err: Error) => void runtimeNotes.push(`${fault.text}: the restart failed: ${err.message}`),
      );
    })();
  };
  // A `slow` call is done working once the agent's next call on its route is answered, or the run is over.
  let runOver!: () => void;
  const over = new Promise<void>((r) => (runOver = r));
  const nextOnRoute = (req: EffectRequest) =>
    Promise.race([
      ledger.waitFor((e) => e.call?.label === req.call?.label && (e.call?.nth ?? 0) > (req.call?.nth ?? 0)).then(() => 'next-answered' as const, () => 'run-over' as const),
      over.then(() => 'run-over' as const),
    ]);
  ledger.intercept((req) => directiveFor(scenario.faults, req, crashAndRecover, restartRuntime, history, (i) => drawFor(seed, scenario.name, i).int(IN_FLIGHT_MS), nextOnRoute));

  try {
    // The app only starts runs and passes decisions on: it is not intercepted and never crashed.
    if (config.app) app = await startAgentProcess('app', config.app, dir, vars, { ...runtime?.env, PORT: vars.port, ...baseUrls }, join(outDir, 'app.log'), false);
    await startWorker();
    const res = await callApp(config.startRun, vars, { authorization: `Bearer ${principal}` }).catch((err: Error) => {
      throw new CouldNotRunError(`starting a run: ${fill(config.startRun.url, vars)} did not answer (${String(err.cause ?? err.message)})`);
    });
    const answer = (await res.json().catch(() => ({}))) as Record<string, unknown>;
    if (!res.ok) throw new CouldNotRunError(`starting a run: ${fill(config.startRun.url, vars)} answered ${res.status}; see ${logFile}`);
    vars.runId = String(answer[config.startRun.runIdField] ?? runId);
    const deadline = started + scenario.timeoutMs;
    const finished = ledger.waitFor((e) => isModelTurn(e, scenario.model.length) && e.outcome === 'applied');
    const approvals = approvalsOf(scenario);
    if (approvals.length) void deliverDecisions(config, approvals, ledger, vars, history, deadline, () => recovering);
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([finished.catch(() => undefined), new Promise((r) => (timer = setTimeout(r, Math.max(0, deadline - Date.now()))))]);
    // A pending deadline would keep the process alive after the run is judged.
    clearTimeout(timer);
    // A `slow` call still in progress takes effect now and is held like a hang (below): its answer must not
    // reach an agent whose run is over. One turn of the event loop lets it get that far.
    runOver();
    await new Promise((r) => setImmediate(r));
    // A call a `hang` still holds is held until now: the run is over, and its record lands before judging.
    ledger.endHangs();
    await recovering.catch(() => undefined);
    // Calls still on their way land in the record before it is judged.
    await ledger.quiet(300, 3000);
    // A restart-runtime whose server was not back before the run ended was not the fault it names: undecided, never passed.
    for (const f of history.faults.filter((x) => scenario.faults.some((s) => s.text === x.text && restartsRuntime(s)))) {
      if (!history.runtimeServer?.some((r) => r.fault === f.text && r.event === 'runtime-restarted')) runtimeNotes.push(`${f.text}: the runtime's server was not killed and started again before the run ended`);
    }
    // The runtime's own record of the run, for audit-trail (decision 0105); a finished run gets time to close.
    const done = ledger.events.some((e) => isModelTurn(e, scenario.model.length) && e.outcome === 'applied');
    if (runtime) history.runtimeRecord = await runtime.readRecord(vars.runId, done ? RECORD_WAIT_MS : 0).catch((err: Error) => ({ unreadable: err.message.split('\n')[0] }));
  } finally {
    stopped = true;
    runOver();
    await recovering.catch(() => undefined);
    await worker?.stop(2000);
    await app?.stop(2000);
    await runtime?.stop();
    await ledger.close();
  }
  const properties = judgeAgentRun(history);
  // A policy's refusal is the rule at work, judged by `policy`; any other refusal means the case could not run as meant.
  const notes = [...runtimeNotes, ...ledger.events.filter((e) => e.outcome === 'refused' && !refusedByPolicy(e)).map((e) => `${e.call?.label ?? e.stepId}: ${e.reason}`)];
  const verdict: AgentVerdict = properties.some((p) => p.verdict === 'fail') ? 'fail' : notes.length || properties.some((p) => p.verdict === 'unknown') ? 'unknown' : 'pass';
  return { scenario: scenario.name, seed, verdict, properties, notes: [...new Set(notes)], wastedTokens: wastedTokens(ledger.events), durationMs: Date.now() - started, history };
}

/** The fault that names this call, turned into what the world does with it. */
function directiveFor(
  faults: readonly ParsedFault[],
  req: EffectRequest,
  crash: (f: ParsedFault) => Promise<void>,
  restartRuntime: (f: ParsedFault) => Promise<void>,
  history: AgentHistory,
  inFlightMs: (fault: number) => number,
  nextOnRoute: (req: EffectRequest) => Promise<'next-answered' | 'run-over'>,
): Directive | undefined {
  const index = faults.findIndex((f) => f.label === req.call?.label && f.nth === req.call?.nth);
  if (index < 0) return undefined;
  const fault = faults[index];
  const reason = fault.text;
  switch (fault.kind) {
    case 'response-lost':
      history.faults.push({ text: fault.text, at: Date.now() });
      return { apply: true, reply: 'drop', reason };
    case 'fails':
      history.faults.push({ text: fault.text, at: Date.now() });
      return { apply: false, reply: 'error', reason };
    case 'crash-worker before-effect':
      return { apply: false, reply: 'drop', hold: () => crash(fault), callerGone: true, reason };
    case 'crash-worker during-effect':
      // As the runtime faults' during-effect: the call is held in flight for a drawn moment, the
      // worker is killed while it waits, and the outside world completes the call anyway.
      return {
        apply: true,
        reply: 'ok',
        callerGone: true,
        reason,
        hold: async () => {
          await sleep(inFlightMs(index));
          await crash(fault);
        },
      };
    case 'hang before-effect':
    case 'hang after-effect':
      // Held unanswered until the agent gives up (its client's timeout closes the socket), a crash
      // closes it, or the case ends (endHangs): never longer than the case (decision 0093).
      history.faults.push({ text: fault.text, at: Date.now() });
      return { apply: fault.kind === 'hang after-effect', reply: 'hang', untilCallerGone: true, reason };
    case 'slow': {
      // Still being worked on, its key held (a retry meanwhile is refused 409), until the agent's next
      // call on the route was answered: then it takes effect, its answer read by whoever still waits.
      // Still working when the run is over: it takes effect and is held as a hang until the case ended (decision 0103).
      history.faults.push({ text: fault.text, at: Date.now() });
      const d: Directive = { apply: true, reply: 'ok', reason };
      d.hold = async () => {
        if ((await nextOnRoute(req)) === 'run-over') Object.assign(d, { reply: 'hang', untilCallerGone: true });
      };
      return d;
    }
    // The runtime's server, not the caller, goes down: the worker lives on and reads its answer (as the adapters' restart-runtime).
    case 'restart-runtime before-effect':
      return { apply: false, reply: 'drop', reason, hold: () => restartRuntime(fault) };
    case 'restart-runtime during-effect':
      return {
        apply: true,
        reply: 'ok',
        reason,
        hold: async () => {
          await sleep(inFlightMs(index));
          await restartRuntime(fault);
        },
      };
    case 'restart-runtime after-effect':
      // The answer reaches the worker, then the server dies: the worker reports the activity's end to a server that is gone.
      return { apply: true, reply: 'ok', reason, afterReply: () => restartRuntime(fault) };
    case 'crash-worker after-effect': {
      const d: Directive = { apply: true, reply: 'ok', reason };
      d.beforeReply = async () => {
        await crash(fault);
        d.callerGone = true;
      };
      return d;
    }
  }
}

/**
 * Each decision in the order of its turn: once the model's turn `afterTurn` was answered, a person
 * decides; retried while the app is down. A decision `none` is never sent (decision 0107).
 */
async function deliverDecisions(config: AgentConfig, approvals: readonly AgentApproval[], ledger: Awaited<ReturnType<typeof startLedger>>, vars: Vars, history: AgentHistory, deadline: number, recovering: () => Promise<void>) {
  history.decisions = approvals.map((a) => ({ afterTurn: a.afterTurn, decision: a.decision }));
  for (const [i, approval] of approvals.entries()) {
    try {
      await ledger.waitFor((e) => isModelTurn(e, approval.afterTurn) && e.outcome === 'applied');
    } catch {
      return;
    }
    if (approval.decision === 'none') continue;
    if (!(await deliverDecision(config, { ...approval, decision: approval.decision }, vars, history, history.decisions[i], deadline, recovering))) return;
  }
}

/** One decision, sent until the app takes it or the run's deadline; false when it never got there. */
async function deliverDecision(config: AgentConfig, approval: AgentApproval & { decision: 'approve' | 'reject' }, vars: Vars, history: AgentHistory, record: AgentDecision, deadline: number, recovering: () => Promise<void>): Promise<boolean> {
  while (Date.now() < deadline) {
    await recovering().catch(() => undefined);
    record.sentAt ??= Date.now();
    // The first decision sent is the one a `needs-approval` policy reads (decision 0059).
    history.decisionSent ??= { decision: approval.decision, at: record.sentAt };
    const send = () => callApp(config.decide!, { ...vars, decision: approval.decision }).catch(() => undefined);
    const first = send();
    // A double click: the same decision again, at once or spacingMs later, on every try.
    const second = approval.twice ? sleep(approval.twice.spacingMs).then(async () => ({ at: Date.now(), res: await send() })) : undefined;
    const [res, again] = await Promise.all([first, second]);
    if (res?.ok || again?.res?.ok) {
      record.deliveredAt = Date.now();
      if (again) record.repeated = { at: again.at, status: again.res?.status ?? 'no answer' };
      if (!history.decision) {
        history.decision = { decision: approval.decision, deliveredAt: record.deliveredAt };
        if (record.repeated) history.decisionRepeated = record.repeated;
      }
      return true;
    }
    // the app is down, restarting or not waiting yet: a person would try again
    await sleep(200);
  }
  return false;
}
