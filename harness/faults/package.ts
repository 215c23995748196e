import type fc from 'fast-check';
import type { z } from 'zod';
import type { Capability } from '../adapter.js';
import type { CaseHistory } from '../history.js';
import type { Plan, Step } from '../plan/schema.js';
import type { Category } from '../scenario/schema.js';
import type { Draw } from './draw.js';
import type { HumanPorts, InjectPorts } from './ports.js';

/**
 * One fault kind, whole: what a scenario may say (schema, validate), what the harness
 * does (inject, or answer for faults the human plays), what it changes in the oracle,
 * and how exploration generates it fairly. One file per kind, one registry line
 * (registry.ts), after Jepsen's nemesis packages. A kind missing a part does not compile.
 */
export type FaultPackage<K extends string, F extends { kind: K }> = Parts<K, F> & Acts<F>;

/**
 * What the fault does: harness-side (`inject`: crash, hold, fail, drop), client-side
 * (`answer`: when and how often the human delivers the decision it names), or both.
 * A package with neither does not compile.
 */
type Acts<F> =
  | { inject(f: F, moments: Moments, ports: InjectPorts): void; answer?(f: F, moments: Moments, ports: HumanPorts): Answer }
  | { inject?(f: F, moments: Moments, ports: InjectPorts): void; answer(f: F, moments: Moments, ports: HumanPorts): Answer };

interface Parts<K extends string, F extends { kind: K }> {
  kind: K;
  /** A zod strictObject with `kind: z.literal(K)`. */
  schema: z.ZodType<F>;
  /** The scenario rules for this kind (its anchor's step kind, the decision it needs). */
  validate(f: F, ctx: ValidateContext): void;
  /** One short line, for reports and progress output. */
  describe(f: F): string;
  /**
   * The moments the harness chooses for this fault in one case, drawn from the seed
   * inside the window where a correct runtime must still pass. Values the scenario
   * states are never drawn. Empty when the harness chooses nothing.
   */
  draw(f: F, rng: Draw, plan: Plan): Moments;
  /** What it changes in the oracle: a capability it needs, an approval it makes time out. */
  oracle: { needs?: Capability; timesOut?: boolean };
  /** How exploration generates it, and what keeps it fair there. */
  explore: Explore<F>;
  /** The scorecard category of a generated case whose first fault this is. */
  category(f: F): Category;
  /** Where this kind can strike, as columns of its row in the coverage model (coverage.ts). */
  coverage: Places<F>;
  /**
   * What the case's record shows of how the run met this fault that its verdict does not
   * say (of two workers side by side, only the first acted); undefined when there is
   * nothing to say or the record cannot tell. A shape of run, not a verdict: a correct
   * runtime may well produce it. The report keeps it beside the case (`observed`).
   */
  observe?(f: F, index: number, history: Pick<CaseHistory, 'events' | 'effects'>): string | undefined;
}

/**
 * The places a kind can strike (its anchors, or how it acts), and those a given fault
 * strikes: its cells in the coverage model. A new kind declares its own here.
 */
export interface Places<F> {
  places: readonly string[];
  placesOf(f: F): string[];
  /** The struck axis's row its faults count in, for a kind exploration does not offer (otherwise its offer says). */
  struck?: 'process' | 'effect';
}

/** Named moments in ms, recorded in the case history. */
export type Moments = Readonly<Record<string, number>>;

export interface ValidateContext {
  /** Add an issue on this fault (path inside the fault, e.g. ['step']). */
  issue(path: string[], message: string): void;
  /** The step must exist and be of one of these kinds. */
  expectStep(id: string, kinds: Step['kind'][], why: string): void;
  decisions: Readonly<Record<string, 'approve' | 'reject'>>;
}

/**
 * How a fault changes the delivery of the decision on its approval. `when` replaces
 * the moment the human answers; with several, the highest `precedence` wins (early
 * over late over a second worker over a crash); `twice` delivers it again.
 */
export interface Answer {
  when?: { precedence: number; at(): Promise<unknown> };
  twice?: { spacingMs: number };
  /**
   * The run's request for this approval is held at the outside world until the
   * decision's first delivery came back (refused or taken): an early answer is then
   * early on any machine, not only when it wins a race with the run (decision 0082).
   */
  beforeTheWait?: true;
}

/**
 * Where exploration offers a kind: `crash` (a process crash with a downtime at every
 * crash anchor, drawn among the crash kinds by weight), `process` (another process
 * fault at every crash anchor), `effect` (on an llm or tool step), `approval` (on an
 * approval a human answers), `run` (once per case), `none` (scenarios name it;
 * exploration does not generate it, and `why` says so to a user who asks for it).
 */
export type Explore<F> = Fairness<F> &
  (
    | { offer: 'crash'; weight: number }
    | { offer: 'process'; weight: number; arbitrary(anchor: Record<string, fc.Arbitrary<unknown>>, zombies: boolean): fc.Arbitrary<F> }
    | { offer: 'effect' | 'approval' | 'run'; arbitraries: fc.Arbitrary<Omit<F, 'step'>>[] }
    | { offer: 'none'; why: string }
  );

/** A fault already kept for a generated case. `process`: it kills or adds a process (offer `crash` or `process`). */
export interface Kept {
  kind: string;
  step?: string;
  at?: string;
  process: boolean;
}

/** What a fault's timer rule may read about the generated case. */
export interface TimerContext {
  /** Whether a human answers this approval. */
  answered(step: string): boolean;
  /** How long the adapter's restarted worker may take to take a pending decision (Adapter.restartAllowanceMs). */
  restartAllowanceMs: number;
}

/** The rules that keep a generated fault's verdict up to the runtime (documented and tested per kind). */
export interface Fairness<F> {
  /** Why it cannot join the faults kept so far (undefined: it can). */
  unfair?(f: F, kept: readonly Kept[]): string | undefined;
  /** The fault as it may run in this plan (a zombie becomes a plain second worker beside parallel steps). */
  adapt?(f: F, plan: Plan): F;
  /** The least length of the timer it lands in (sleep or approval timeout), if it lands in one. */
  timerAtLeast?(f: F, timer: TimerContext): number | undefined;
}
