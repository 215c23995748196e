import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { packageRoot } from '../paths.js';
import { jsonSchemaOf, SCHEMAS, type SchemaName } from './json-schema.js';

// The published JSON Schemas (docs/*.schema.json) are the zod schemas, generated: this
// fails when one changes without the other. AGENTCHECK_UPDATE_SCHEMAS=1 writes them.

describe('the published JSON Schemas', () => {
  for (const name of Object.keys(SCHEMAS) as SchemaName[]) {
    it(`docs/${name}.schema.json is generated from the zod schema`, () => {
      const file = join(packageRoot, 'docs', `${name}.schema.json`);
      const text = JSON.stringify(jsonSchemaOf(name), null, 2) + '\n';
      if (process.env.AGENTCHECK_UPDATE_SCHEMAS) writeFileSync(file, text);
      expect(existsSync(file), `${file} is missing: run AGENTCHECK_UPDATE_SCHEMAS=1 npx vitest run harness/report/json-schema.test.ts`).toBe(true);
      expect(readFileSync(file, 'utf8'), 'the zod schema changed: regenerate with AGENTCHECK_UPDATE_SCHEMAS=1').toBe(text);
    });
  }

  it('describes the report\'s stable core', () => {
    const schema = jsonSchemaOf('report') as { required: string[]; properties: Record<string, unknown> };
    expect(schema.required).toEqual(expect.arrayContaining(['schemaVersion', 'adapter', 'seed', 'scorecard', 'gate', 'cases']));
    expect(Object.keys(schema.properties)).toContain('interrupted');
  });
});
