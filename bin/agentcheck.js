#!/usr/bin/env node
// A launcher that runs on any Node, so that an old one gets a clear message.
const major = Number(process.versions.node.split('.')[0]);
if (major < 22) {
  process.stderr.write(
    `agentcheck needs Node >= 22; this is ${process.version}.\n` +
      'In a clone of agentcheck, `npm ci` installs Node 24 into node_modules and `npx agentcheck` uses it.\n',
  );
  process.exit(2);
}
const { existsSync } = await import('node:fs');
const cli = new URL('../dist/cli/main.js', import.meta.url);
if (!existsSync(cli)) {
  process.stderr.write('agentcheck is not built: run `npm run build` (npm ci does it for you).\n');
  process.exit(2);
}
// The same process again, with a smaller young generation for V8 (dist/cli/young-generation.js).
const { restartWithSmallYoungGeneration } = await import(new URL('../dist/cli/young-generation.js', import.meta.url).href);
restartWithSmallYoungGeneration(import.meta.url);
// `npx agentcheck` runs us under `npm exec` -> `sh -c`. A SIGTERM sent to npx alone is
// forwarded to that shell, which dies without passing it on: we would run on as an
// orphan and finish every case. Noticing that our parent is gone, we stop exactly as
// on our own SIGTERM (finished cases kept, report marked interrupted, exit 143).
if (process.env.npm_command === 'exec') {
  const parent = process.ppid;
  const watch = setInterval(() => {
    if (process.ppid === parent) return;
    clearInterval(watch);
    process.kill(process.pid, 'SIGTERM');
  }, 100);
  watch.unref();
}
// A run against pinned runtime packages (docs/museum.md): this process and every Node
// process it starts resolve them from the project named by AGENTCHECK_RUNTIME_MODULES.
if (process.env.AGENTCHECK_RUNTIME_MODULES) {
  const { useRuntimeModules } = await import(new URL('../dist/harness/runtime-modules/redirect.js', import.meta.url).href);
  try {
    useRuntimeModules(process.env.AGENTCHECK_RUNTIME_MODULES);
  } catch (err) {
    process.stderr.write(`agentcheck: ${err.message}\n`);
    process.exit(64);
  }
}
const { main } = await import(cli.href);
await main(process.argv);
