import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { packageRoot, scriptBeside } from './paths.js';

describe('scriptBeside', () => {
  const outside = mkdtempSync(join(tmpdir(), 'agentcheck-paths-'));
  afterAll(() => rmSync(outside, { recursive: true, force: true }));

  it("gives agentcheck's own sources the compiled twin in dist/", () => {
    const source = pathToFileURL(join(packageRoot, 'adapters', 'reference', 'index.ts')).href;
    expect(scriptBeside(source, 'worker.js')).toBe(join(packageRoot, 'dist', 'adapters', 'reference', 'worker.js'));
  });

  it("gives another project's adapter the file beside it, TypeScript or not", () => {
    writeFileSync(join(outside, 'my-worker.ts'), '');
    expect(scriptBeside(pathToFileURL(join(outside, 'my-adapter.ts')).href, 'my-worker.ts')).toBe(join(outside, 'my-worker.ts'));
  });

  it('names the missing file', () => {
    expect(() => scriptBeside(pathToFileURL(join(outside, 'my-adapter.ts')).href, 'nope.ts')).toThrow(join(outside, 'nope.ts'));
  });
});
