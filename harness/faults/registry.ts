import { z } from 'zod';
import { approveEarly } from './approve-early.js';
import { approveLate } from './approve-late.js';
import { approveTwice } from './approve-twice.js';
import { crashWorker } from './crash-worker.js';
import { duplicateStart } from './duplicate-start.js';
import type { FaultPackage } from './package.js';
import { responseLost } from './response-lost.js';
import { restartRuntime } from './restart-runtime.js';
import { secondWorker } from './second-worker.js';
import { stallWorker } from './stall-worker.js';
import { toolFails } from './tool-fails.js';

/**
 * Each key must be its package's kind, and each package must have every part (each
 * file checks its parts against its own fault type with `satisfies`).
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
const registry = <T extends { [K in keyof T]: FaultPackage<K & string, any> }>(t: T): T => t;

/** Every fault kind, one line each: adding a kind is one new file and one line here. */
export const FAULTS = registry({
  'crash-worker': crashWorker,
  'restart-runtime': restartRuntime,
  'second-worker': secondWorker,
  'tool-fails': toolFails,
  'response-lost': responseLost,
  'duplicate-start': duplicateStart,
  'approve-twice': approveTwice,
  'approve-early': approveEarly,
  'approve-late': approveLate,
  // Last, so the kinds exploration draws keep their order (it does not draw this one).
  'stall-worker': stallWorker,
});

export type FaultKind = keyof typeof FAULTS;
export const FAULT_KINDS = Object.keys(FAULTS) as FaultKind[];

/** A fault is something the harness does to the system under test at an anchor in the plan. */
export type Fault = { [K in FaultKind]: z.output<(typeof FAULTS)[K]['schema']> }[FaultKind];
export type FaultInput = { [K in FaultKind]: z.input<(typeof FAULTS)[K]['schema']> }[FaultKind];
export type FaultOf<K extends FaultKind> = Extract<Fault, { kind: K }>;

export const Fault = z.discriminatedUnion(
  'kind',
  Object.values(FAULTS).map((p) => p.schema) as unknown as [z.ZodObject<{ kind: z.ZodLiteral<string> }>, ...z.ZodObject<{ kind: z.ZodLiteral<string> }>[]],
) as unknown as z.ZodType<Fault, FaultInput>;

/** The package of a fault's kind, typed for that fault. */
export const packageOf = <K extends FaultKind>(f: FaultOf<K>): FaultPackage<K, FaultOf<K>> => FAULTS[f.kind as K] as unknown as FaultPackage<K, FaultOf<K>>;

/** A kind's package through the common interface, for code that reads any kind's parts. */
export const packageFor = (kind: FaultKind): FaultPackage<FaultKind, Fault> => FAULTS[kind] as unknown as FaultPackage<FaultKind, Fault>;

/** One short line per fault, for reports and progress output. */
export const describeFault = (f: Fault): string => packageOf(f).describe(f);
