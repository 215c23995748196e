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
const { main } = await import(cli.href);
await main(process.argv);
