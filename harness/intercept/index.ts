// agentcheck/intercept: loaded into an unmodified agent's process with
// `node --import agentcheck/intercept` (the harness puts it in NODE_OPTIONS). msw
// catches every outgoing request (fetch, node:http, the SDKs built on them); a call to
// a declared host goes to agentcheck's world, a call to any other host fails loudly,
// and loopback traffic (the agent's own database, its runtime's server) passes.
import { setupServer } from 'msw/node';
import { bypass, http, HttpResponse, passthrough } from 'msw';
import { forwardToWorld, interceptSettings, isLoopback } from './forward.js';

const settings = interceptSettings(process.env);

const server = setupServer(
  http.all('*', async ({ request }) => {
    const url = new URL(request.url);
    if (isLoopback(url.hostname)) return passthrough();
    if (!settings.hosts.has(url.host)) process.stderr.write(`agentcheck: the agent called ${url.host}, which the config does not declare; it was refused\n`);
    // Undeclared calls go to the world too, which records and refuses them: the case reports them.
    return forwardToWorld(settings, request, (r) => fetch(bypass(r)), () => HttpResponse.error());
  }),
);
// Anything msw's handler does not answer would reach the network: refuse that too.
server.listen({ onUnhandledFrame: 'error' });
