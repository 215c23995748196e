import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { pinnedPackageFolders, redirectedPackages } from './redirect.js';

describe('which packages a pinned project redirects', () => {
  const project = mkdtempSync(join(tmpdir(), 'agentcheck-pinned-'));
  afterAll(() => rmSync(project, { recursive: true, force: true }));
  writeFileSync(join(project, 'package.json'), JSON.stringify({ dependencies: { '@temporalio/workflow': '1.14.0', '@temporalio/common': '1.14.0' } }));
  // A transitive dependency the install put beside them: agentcheck's own copy must stay in use.
  mkdirSync(join(project, 'node_modules', 'zod'), { recursive: true });

  it('only its direct dependencies, not whatever npm installed beside them', () => {
    expect([...redirectedPackages(project)].sort()).toEqual(['@temporalio/common', '@temporalio/workflow']);
  });
  it('gives their folders, for resolvers that bypass Node\'s (webpack)', () => {
    expect(pinnedPackageFolders(project)).toEqual({
      '@temporalio/workflow': join(project, 'node_modules', '@temporalio/workflow'),
      '@temporalio/common': join(project, 'node_modules', '@temporalio/common'),
    });
  });
  it('nothing without a pinned project, and a clear message for a folder that is not one', () => {
    expect(pinnedPackageFolders(undefined)).toEqual({});
    expect(() => redirectedPackages(join(project, 'node_modules'))).toThrow(/AGENTCHECK_RUNTIME_MODULES=.*node_modules: no package.json there/);
  });
});
