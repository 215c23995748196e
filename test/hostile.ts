import { execa } from 'execa';
import { existsSync, readlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

// Adapters that do not cooperate, shared by the hostile-adapter tests and the soak.

const reference = join(import.meta.dirname, '..', 'dist', 'adapters', 'reference', 'index.js');

/** Patches the soak draws from: each makes one adapter call never return. */
export const HOSTILE: Record<string, string> = {
  'await-ignores-signal': 'const rt = await ref.openCase(ctx); return { ...rt, awaitResult: never };',
  'start-hangs': 'const rt = await ref.openCase(ctx); return { ...rt, startRun: never };',
  'open-hangs': 'entered(); return never();',
};

/** Writes the reference adapter with openCase's body replaced by `patch` (JS, with `ref`, `ctx`, `never` and `entered` in scope: entered() marks the call begun, see enteredFile); returns its file. */
export function hostileAdapter(dir: string, name: string, patch = HOSTILE[name]!): string {
  const file = join(dir, `${name}.mjs`);
  writeFileSync(
    file,
    `import { writeFileSync } from 'node:fs';
import { adapter as ref } from ${JSON.stringify(reference)};
const never = () => new Promise(() => {});
const entered = () => writeFileSync(${JSON.stringify(enteredFile(dir, name))}, '');
export const adapter = { ...ref, name: ${JSON.stringify(name)}, async openCase(ctx) { ${patch} } };
`,
  );
  return file;
}

/** The file a hostile adapter's entered() writes: the run reached the call that hangs. */
export const enteredFile = (dir: string, name: string) => join(dir, `${name}.entered`);

/** Waits (up to two minutes: a loaded machine starts the CLI slowly) until the hostile adapter's call was entered. */
export async function untilEntered(dir: string, name: string): Promise<void> {
  for (let i = 0; i < 2400 && !existsSync(enteredFile(dir, name)); i++) await new Promise((r) => setTimeout(r, 50));
  if (!existsSync(enteredFile(dir, name))) throw new Error(`${name}: the run never reached the call that hangs`);
}

/**
 * The processes whose command line mentions `dir`, or whose working directory is in it:
 * a warm spare worker's command line names no case (decision 0074), but it waits in
 * <out>/spares and works in its case's folder.
 */
export const processesUsing = async (dir: string): Promise<string[]> =>
  (await execa('ps', ['-eo', 'pid,args'])).stdout.split('\n').filter((l) => l.includes(dir) || cwdOf(Number(l.trim().split(/\s+/)[0])).startsWith(dir + '/'));

function cwdOf(pid: number): string {
  try {
    return readlinkSync(`/proc/${pid}/cwd`);
  } catch {
    return ''; // gone, or not ours to read
  }
}

/** Waits up to 5 s for every process mentioning `dir` to be gone; returns those still there. */
export async function noneLeft(dir: string): Promise<string[]> {
  for (let i = 0; i < 100; i++) {
    const left = await processesUsing(dir);
    if (left.length === 0) return [];
    await new Promise((r) => setTimeout(r, 50));
  }
  return processesUsing(dir);
}
