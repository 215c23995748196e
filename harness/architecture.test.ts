import { readdirSync, readFileSync } from 'node:fs';
import { posix } from 'node:path';
import { describe, expect, it } from 'vitest';
import { packageRoot } from './paths.js';

// The import rules that keep the rooms of docs/architecture.md apart, checked on the
// import specifiers of shipped sources (tests may build fixtures from anything).

/** What package.json "exports" offers: by name (agentcheck/kit) and by source (harness/kit.ts). */
const publicEntries = () => {
  const pkg = JSON.parse(readFileSync(posix.join(packageRoot, 'package.json'), 'utf8')) as { exports: Record<string, string> };
  return {
    names: Object.keys(pkg.exports).map((subpath) => posix.join('agentcheck', subpath)),
    sources: Object.values(pkg.exports).map((dist) => dist.replace(/^\.\/dist\//, '').replace(/\.js$/, '.ts')),
  };
};
type Entries = ReturnType<typeof publicEntries>;

interface Rule {
  room: string;
  why: string;
  /** May a file of this room import `target` (a repository path, or a package name)? */
  may(target: string): boolean;
}

const isRepositoryPath = (t: string) => /^(harness|adapters|reports|scenarios|bench|test|bin|scripts)\//.test(t);
const isOtherPackage = (t: string) => !isRepositoryPath(t) && t !== 'agentcheck' && !t.startsWith('agentcheck/');

const rules = (entries: Entries): Rule[] => [
  {
    room: 'adapters/',
    why: 'an adapter uses only what a third-party adapter can: agentcheck, agentcheck/kit, agentcheck/plan (decision 0026)',
    may: (t) => t.startsWith('adapters/') || entries.sources.includes(t) || entries.names.includes(t) || isOtherPackage(t),
  },
  {
    room: 'reports/',
    why: 'a reporter reads the frozen report model (harness/report/), never engine internals',
    may: (t) => t.startsWith('reports/') || t.startsWith('harness/report/') || isOtherPackage(t),
  },
  {
    room: 'harness/checkers/',
    why: 'a checker is a function of (plan, faults, history): it never reaches into how a case ran',
    may: (t) => !t.startsWith('harness/case/'),
  },
];

/** Every module specifier in a source: static imports and re-exports (multi-line too), side-effect and dynamic imports. */
function importSpecifiers(source: string): string[] {
  const patterns = [/^\s*(?:import|export)\b[^;]*?\bfrom\s*['"]([^'"]+)['"]/gm, /^\s*import\s*['"]([^'"]+)['"]/gm, /\bimport\(\s*['"]([^'"]+)['"]\s*\)/g];
  return patterns.flatMap((re) => [...source.matchAll(re)].map((m) => m[1]!));
}

/** A relative specifier as the repository path of its TypeScript source; a package name as is. */
function resolveSpecifier(file: string, spec: string): string {
  if (!spec.startsWith('.')) return spec;
  return posix.normalize(posix.join(posix.dirname(file), spec)).replace(/\.js$/, '.ts');
}

const shippedSources = (room: string): string[] =>
  readdirSync(posix.join(packageRoot, room), { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.ts') && !/\.test(-helpers)?\.ts$/.test(f))
    .map((f) => posix.join(room, f));

function violations(entries: Entries): string[] {
  return rules(entries).flatMap((rule) =>
    shippedSources(rule.room).flatMap((file) =>
      importSpecifiers(readFileSync(posix.join(packageRoot, file), 'utf8'))
        .map((spec) => resolveSpecifier(file, spec))
        .filter((target) => !rule.may(target))
        .map((target) => `${file} -> ${target}`),
    ),
  );
}

describe('import rules (docs/architecture.md)', () => {
  const found = violations(publicEntries());

  it('each room imports only what its rule allows', () => {
    const reasons = found.map((v) => `${v}: ${rules(publicEntries()).find((r) => v.startsWith(r.room))!.why}`);
    expect(reasons).toEqual([]);
  });

  it('the public entries are the package exports: the index, the kit, the plan walk, Postgres and the interceptor', () => {
    expect(publicEntries()).toEqual({
      names: ['agentcheck', 'agentcheck/kit', 'agentcheck/plan', 'agentcheck/postgres', 'agentcheck/intercept'],
      sources: ['harness/index.ts', 'harness/kit.ts', 'harness/plan/index.ts', 'harness/postgres/index.ts', 'harness/intercept/index.ts'],
    });
  });

  it('finds every kind of import, and a rule catches an adapter that reaches past the public entries', () => {
    const source = [
      "import type { A } from '../../harness/index.js';",
      "import {\n  b,\n  c,\n} from '../../harness/process/supervisor.js';",
      "export { d } from './d.js';",
      "import 'side-effect';",
      "const e = await import('@temporalio/client');",
    ].join('\n');
    const targets = importSpecifiers(source).map((s) => resolveSpecifier('adapters/mine/index.ts', s));
    expect(targets.sort()).toEqual(['@temporalio/client', 'adapters/mine/d.ts', 'harness/index.ts', 'harness/process/supervisor.ts', 'side-effect']);
    const adapters = rules(publicEntries())[0]!;
    expect(targets.filter((t) => !adapters.may(t))).toEqual(['harness/process/supervisor.ts']);
  });
});
