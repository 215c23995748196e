import { execa } from 'execa';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

// A third-party adapter as a user writes it: the complete example of docs/adapters.md,
// in a folder outside this repo that installed agentcheck from its packed tarball
// (`npm i -D agentcheck`), run with `npx agentcheck`. It breaks when the package
// misses an export, an install script fails, or the docs drift from what works.

const repo = join(import.meta.dirname, '..');
const project = mkdtempSync(join(tmpdir(), 'agentcheck-third-party-'));
// npm and npx run on this Node (24), as they do in a clone after `npm ci`.
const env = { PATH: `${dirname(process.execPath)}${delimiter}${process.env.PATH ?? ''}`, NO_COLOR: '1' };
const run = (file: string, args: string[], cwd = project) => execa(file, args, { cwd, env, reject: false, all: true });

/** The files of docs/adapters.md's complete adapter: its ```ts file=NAME blocks. */
function exampleFiles(): Map<string, string> {
  const page = readFileSync(join(repo, 'docs', 'adapters.md'), 'utf8');
  return new Map([...page.matchAll(/^```ts file=(\S+)\n([\s\S]*?)^```$/gm)].map((m) => [m[1]!, m[2]!]));
}

const REFUND_SCENARIO = `import { defineScenario } from 'agentcheck';

export default defineScenario({
  category: 'effect-safety',
  description: 'the refund must not repeat when the worker dies right after it',
  plan: { name: 'refund', steps: [{ kind: 'llm', id: 'assess-claim', tokens: 1500 }, { kind: 'tool', id: 'refund-payment', tool: 'payments.refund', mode: 'write' }] },
  faults: [{ kind: 'crash-worker', at: 'after-effect', step: 'refund-payment' }],
});
`;

afterAll(() => rmSync(project, { recursive: true, force: true }));

describe('an adapter outside the repo, on agentcheck installed from npm', () => {
  it('installs, typechecks against the package, and passes a built-in case and one of its own', async () => {
    const took: Record<string, number> = {};
    const timed = async <T>(step: string, work: () => Promise<T>): Promise<T> => {
      const start = Date.now();
      try {
        return await work();
      } finally {
        took[step] = Date.now() - start;
      }
    };
    expect(existsSync(join(repo, 'dist', 'harness', 'kit.js')), 'run `npm run build` first').toBe(true);

    const pack = await timed('pack', () => run('npm', ['pack', '--ignore-scripts', '--pack-destination', project], repo));
    expect(pack.exitCode, pack.all).toBe(0);
    const tarball = readdirSync(project).find((f) => f.endsWith('.tgz'))!;

    writeFileSync(join(project, 'package.json'), JSON.stringify({ name: 'my-runtime-check', private: true, type: 'module' }));
    const install = await timed('install', () => run('npm', ['install', '-D', '--prefer-offline', '--no-audit', '--no-fund', `./${tarball}`]));
    expect(install.exitCode, install.all).toBe(0);
    // The runtime SDKs are optional peers: a user of one runtime installs none of the others.
    expect(existsSync(join(project, 'node_modules', '@temporalio'))).toBe(false);

    const files = exampleFiles();
    expect([...files.keys()].sort()).toEqual(['my-adapter.ts', 'my-worker.ts', 'run-file.ts']);
    for (const [name, text] of files) writeFileSync(join(project, name), text);
    // A scenario of the user's own: `agentcheck` imported at run time, not only for types.
    writeFileSync(join(project, 'refund.ts'), REFUND_SCENARIO);

    // The types a user's editor sees: agentcheck's declarations, through its package exports.
    writeFileSync(
      join(project, 'tsconfig.json'),
      JSON.stringify({
        compilerOptions: { module: 'nodenext', target: 'es2024', strict: true, noEmit: true, allowImportingTsExtensions: true, erasableSyntaxOnly: true, skipLibCheck: true, types: ['node'], typeRoots: [join(repo, 'node_modules', '@types')] },
        include: ['*.ts'],
      }),
    );
    const typecheck = await timed('typecheck', () => run(join(repo, 'node_modules', '.bin', 'tsc'), ['-p', '.']));
    expect(typecheck.exitCode, typecheck.all).toBe(0);

    const check = await timed('run', () => run('npx', ['--no', 'agentcheck', 'run', 'crash-recovery/crash-after-charge', './refund.ts', '--adapter', './my-adapter.ts', '--reporter', 'json', '--seed', '7']));
    expect(check.exitCode, check.all).toBe(0);
    const report = JSON.parse(check.stdout) as { adapter: { name: string }; cases: { id: string; verdict: string }[] };
    expect(report.adapter.name).toBe('my-runtime');
    expect(report.cases.map((c) => [c.id, c.verdict]).sort()).toEqual([['crash-recovery/crash-after-charge', 'pass'], ['refund', 'pass']]);
    console.log(`third-party adapter: ${Object.entries(took).map(([step, ms]) => `${step} ${(ms / 1000).toFixed(1)} s`).join(', ')}`);
  });
});
