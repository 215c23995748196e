/** Where the intercepted calls go, from the environment the harness gives the agent's worker. */
export interface InterceptSettings {
  worldUrl: string;
  token: string;
  hosts: Set<string>;
}

export function interceptSettings(env: NodeJS.ProcessEnv): InterceptSettings {
  const url = env.AGENTCHECK_LEDGER_URL;
  const token = env.AGENTCHECK_LEDGER_TOKEN;
  if (!url || !token) throw new Error('agentcheck/intercept: AGENTCHECK_LEDGER_URL and AGENTCHECK_LEDGER_TOKEN must be set (agentcheck sets them when it starts your worker)');
  return { worldUrl: `${url}/world`, token, hosts: new Set((env.AGENTCHECK_HOSTS ?? '').split(',').filter(Boolean)) };
}

/** The world's status for a call it refuses to answer (ledger/server.ts). */
export const REFUSED_STATUS = 421;

export const isLoopback = (hostname: string) => hostname === 'localhost' || hostname === '[::1]' || hostname === '::1' || hostname.startsWith('127.');

/**
 * Forward one request to the world and hand its answer back. A dropped connection (the
 * world lost the response, or hung) becomes a network error in the agent, as it would be.
 */
export async function forwardToWorld(
  settings: InterceptSettings,
  request: Request,
  send: (r: Request) => Promise<Response>,
  networkError: () => Response,
): Promise<Response> {
  const headers: Record<string, string> = {};
  request.headers.forEach((v, k) => (headers[k] = v));
  const body = request.method === 'GET' || request.method === 'HEAD' ? '' : await request.text();
  const call = { method: request.method, url: request.url, headers, body, pid: process.pid };
  try {
    const res = await send(
      new Request(settings.worldUrl, {
        method: 'POST',
        // The agent's own giving up (its client's timeout, an abort) closes the forwarded call too,
        // so a world that holds the call (a `hang` fault) sees the caller go.
        signal: request.signal,
        headers: { 'content-type': 'application/json', authorization: `Bearer ${settings.token}` },
        body: JSON.stringify(call),
      }),
    );
    const text = await res.text();
    // The world refused the call (an undeclared host): the agent sees the network fail.
    if (res.status === REFUSED_STATUS) return networkError();
    return new Response(text, { status: res.status, headers: { 'content-type': res.headers.get('content-type') ?? 'application/json' } });
  } catch {
    return networkError();
  }
}
