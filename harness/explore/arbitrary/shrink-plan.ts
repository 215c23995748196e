import fc from 'fast-check';
import type { StepSpec } from './plan.js';

// fast-check's own shrinks of an array keep its tail and shrink items in place: they
// cannot drop the last step alone, lift a step out of an approval branch, or flatten
// a parallel. These structural shrinks come first, so a failure converges on the
// fewest steps and faults; fast-check's shrinks (numbers, timings) follow.

/** The spec arbitrary, with structural shrinks tried before fast-check's own. */
export function withStructuralShrinks(inner: fc.Arbitrary<StepSpec[]>): fc.Arbitrary<StepSpec[]> {
  return new StructuralShrinks(inner);
}

class StructuralShrinks extends fc.Arbitrary<StepSpec[]> {
  private readonly inner: fc.Arbitrary<StepSpec[]>;
  constructor(inner: fc.Arbitrary<StepSpec[]>) {
    super();
    this.inner = inner;
  }
  generate(mrng: fc.Random, biasFactor: number | undefined): fc.Value<StepSpec[]> {
    return this.inner.generate(mrng, biasFactor);
  }
  canShrinkWithoutContext(value: unknown): value is StepSpec[] {
    return this.inner.canShrinkWithoutContext(value);
  }
  shrink(value: StepSpec[], context: unknown): fc.Stream<fc.Value<StepSpec[]>> {
    const structural = fc.stream(smallerPlans(value)).map((v) => new fc.Value(v, undefined));
    // A structural shrink has no fast-check context; the inner arbitrary can shrink it anyway.
    const own = context !== undefined || this.inner.canShrinkWithoutContext(value) ? this.inner.shrink(value, context) : fc.Stream.nil<fc.Value<StepSpec[]>>();
    return structural.join(own);
  }
}

/** Smaller variants of a plan spec, biggest cuts first: fewer steps, then fewer faults. */
export function* smallerPlans(steps: StepSpec[]): Generator<StepSpec[]> {
  yield* smallerSequences(steps, 1);
  yield* withoutFaults(steps);
}

function* smallerSequences(seq: StepSpec[], minLength: number): Generator<StepSpec[]> {
  const splice = (i: number, by: StepSpec[]) => [...seq.slice(0, i), ...by, ...seq.slice(i + 1)];
  // Drop one step (with everything under it).
  if (seq.length > minLength) for (let i = 0; i < seq.length; i++) yield splice(i, []);
  // Lift a container's contents into its place.
  for (let i = 0; i < seq.length; i++) {
    const s = seq[i];
    if (s.kind === 'approval') {
      if (s.approved.length + seq.length - 1 >= minLength) yield splice(i, s.approved);
      if (s.rejected.length + seq.length - 1 >= minLength) yield splice(i, s.rejected);
    }
    if (s.kind === 'parallel') {
      for (const b of s.branches) yield splice(i, b);
      yield splice(i, s.branches.flat());
    }
    if (s.kind === 'agent') yield splice(i, s.steps);
  }
  // Shrink inside a container.
  for (let i = 0; i < seq.length; i++) {
    const s = seq[i];
    if (s.kind === 'approval') {
      for (const approved of smallerSequences(s.approved, 0)) yield splice(i, [{ ...s, approved }]);
      for (const rejected of smallerSequences(s.rejected, 0)) yield splice(i, [{ ...s, rejected }]);
    }
    if (s.kind === 'agent') for (const steps of smallerSequences(s.steps, 1)) yield splice(i, [{ ...s, steps }]);
    if (s.kind === 'parallel') {
      if (s.branches.length > 2) for (let j = 0; j < s.branches.length; j++) yield splice(i, [{ ...s, branches: s.branches.filter((_, k) => k !== j) }]);
      for (let j = 0; j < s.branches.length; j++) {
        for (const b of smallerSequences(s.branches[j], 1)) yield splice(i, [{ ...s, branches: s.branches.map((x, k) => (k === j ? b : x)) }]);
      }
    }
  }
}

/** The same steps with one fault fewer. */
function* withoutFaults(seq: StepSpec[]): Generator<StepSpec[]> {
  const replace = (i: number, s: StepSpec) => seq.map((x, k) => (k === i ? s : x));
  for (let i = 0; i < seq.length; i++) {
    const s = seq[i];
    switch (s.kind) {
      case 'llm':
      case 'tool':
        if (s.fault) yield replace(i, { ...s, fault: null });
        break;
      case 'sleep':
        if (s.timerFault) yield replace(i, { ...s, timerFault: null });
        break;
      case 'approval':
        if (s.fault) yield replace(i, { ...s, fault: null });
        if (s.timerFault) yield replace(i, { ...s, timerFault: null });
        for (const approved of withoutFaults(s.approved)) yield replace(i, { ...s, approved });
        for (const rejected of withoutFaults(s.rejected)) yield replace(i, { ...s, rejected });
        break;
      case 'parallel':
        for (let j = 0; j < s.branches.length; j++) for (const b of withoutFaults(s.branches[j])) yield replace(i, { ...s, branches: s.branches.map((x, k) => (k === j ? b : x)) });
        break;
      case 'agent':
        if (s.fault) yield replace(i, { ...s, fault: null });
        for (const steps of withoutFaults(s.steps)) yield replace(i, { ...s, steps });
        break;
    }
  }
}
