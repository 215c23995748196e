// A fake case runner for tests of search and shrink: a "runtime" whose bug is a
// function of the scenario, so results are exact and instant.
import type { CaseResult } from '../case/run-case.js';
import type { PropertyId } from '../checkers/verdict.js';
import { describeFault } from '../faults/registry.js';
import type { GeneratedScenario } from './arbitrary/scenario.js';
import { generatedId } from './options.js';
import { sizeOf, type RanCase, type RunOne } from './run-generated.js';

export interface FakeRuntime {
  runOne: RunOne;
  /** Paths run, in order of start. */
  ran: string[];
  maxInFlight: number;
}

/** `bug` may look at which run of the case this is (1, then 2... when shrinking confirms or replays it), to play a racy runtime. */
export function fakeRuntime(seed: number, bug: (s: GeneratedScenario, repetition: number) => PropertyId[], delayMs = 1): FakeRuntime {
  const fake: FakeRuntime = { ran: [], maxInFlight: 0, runOne: async () => undefined as never };
  let inFlight = 0;
  fake.runOne = async (generated, path, phase, repetition = 1): Promise<RanCase> => {
    fake.ran.push(path);
    fake.maxInFlight = Math.max(fake.maxInFlight, ++inFlight);
    await new Promise((r) => setTimeout(r, delayMs));
    inFlight--;
    const scenario = { ...generated, id: generatedId(seed, path) };
    const failed = bug(generated, repetition);
    const result: CaseResult = {
      id: scenario.id,
      scenario: scenario.id,
      category: scenario.category,
      description: scenario.description,
      faults: scenario.faults.map(describeFault),
      verdict: failed.length ? 'fail' : 'pass',
      properties: failed.map((id) => ({ id, verdict: 'fail' as const, evidence: [{ message: `${id} broke` }] })),
      repro: `replay ${path}`,
      dir: `/nowhere/${scenario.id}`,
    };
    return { scenario, result, record: { phase, path, id: scenario.id, verdict: result.verdict, steps: sizeOf(scenario).steps, faults: result.faults, failed, durationMs: delayMs, dir: result.dir } };
  };
  return fake;
}
