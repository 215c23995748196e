import { z } from 'zod';
import { Plan } from '../plan/schema.js';
import { Scenario } from '../scenario/schema.js';
import { Report } from './schema.js';

// JSON Schemas generated from the zod schemas that are the single source: for scripts
// and other languages that read a report or write a scenario (docs/report-format.md).

export const SCHEMAS = { report: Report, scenario: Scenario, plan: Plan } as const;
export type SchemaName = keyof typeof SCHEMAS;

/** The JSON Schema (draft 2020-12) of a report as written, or of a scenario or plan as an author writes it. */
export function jsonSchemaOf(name: SchemaName): Record<string, unknown> {
  const schema = z.toJSONSchema(SCHEMAS[name], { io: name === 'report' ? 'output' : 'input', unrepresentable: 'any' });
  return { $id: `urn:agentcheck:${name}:schema`, title: `agentcheck ${name}`, ...schema };
}
