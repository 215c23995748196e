import type { z } from 'zod';

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Paths ("cases[0].metrics.extra") of the fields in `input` that parsing dropped. */
export function droppedFields(input: unknown, parsed: unknown, at = ''): string[] {
  if (Array.isArray(input) && Array.isArray(parsed)) return input.flatMap((v, i) => droppedFields(v, parsed[i], `${at}[${i}]`));
  if (!isRecord(input) || !isRecord(parsed)) return [];
  return Object.entries(input).flatMap(([key, value]) => {
    const path = at ? `${at}.${key}` : key;
    if (value === undefined) return [];
    return key in parsed ? droppedFields(value, parsed[key], path) : [path];
  });
}

/**
 * Parse what agentcheck itself wrote, refusing a field the schema does not know: zod
 * would drop it silently, and the report would lose it without anyone noticing
 * (docs/decisions/0020-one-result-schema.md).
 */
export function parseExactly<S extends z.ZodType>(schema: S, input: unknown): z.infer<S> {
  const parsed = schema.parse(input);
  const dropped = droppedFields(input, parsed);
  if (dropped.length) throw new Error(`the report model has no field ${dropped.join(', ')}: add it to harness/report/ or stop writing it`);
  return parsed;
}
