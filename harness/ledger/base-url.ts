import type { HostSpec } from '../world/services.js';

// The world reached by base URL, for agents msw cannot intercept (any language):
// `http://127.0.0.1:<ledger port>/base/<run token>/<host>/<path>` is the call
// `<method> https://<host>/<path>`. The token rides in the path because every SDK lets
// a base URL carry a path prefix, while its API key header is the agent's own (and may
// be the identity the world checks). Decision 0071.

/** The route's first segment: `/base/<token>/<host>/...`. */
export const BASE_ROUTE = '/base/';

/** What a base-URL request names: the run token it carries, and the call it stands for. */
export interface BaseUrlTarget {
  token: string;
  /** `https://<host><path>?<query>`, as the agent would have called it. */
  url: string;
}

/** Reads `/base/<token>/<host>/<path>`; undefined when the path is not of that shape. */
export function parseBaseUrlPath(path: string): BaseUrlTarget | undefined {
  if (!path.startsWith(BASE_ROUTE)) return undefined;
  const match = /^([^/]+)\/([^/?]+)(.*)$/.exec(path.slice(BASE_ROUTE.length));
  if (!match) return undefined;
  const [, token, host, rest] = match;
  const tail = rest === '' || rest.startsWith('?') ? `/${rest}` : rest;
  return { token: decodeURIComponent(token), url: `https://${host}${tail}` };
}

/** A host's variable: `payments.internal` → `AGENTCHECK_BASE_URL_PAYMENTS_INTERNAL`. */
export const baseUrlVariable = (host: string) => `AGENTCHECK_BASE_URL_${host.toUpperCase().replace(/[^A-Z0-9]/g, '_')}`;

/** Where the world answers for `host`: a base URL without a trailing slash. */
export const baseUrlFor = (ledgerUrl: string, token: string, host: string) => `${ledgerUrl}${BASE_ROUTE}${encodeURIComponent(token)}/${host}`;

/**
 * The environment that points an agent at the world: one variable per declared host,
 * and the variables the official model SDKs read (OpenAI's base URL ends in /v1, as its
 * default does; Anthropic's is the bare host, its SDK adds /v1/messages).
 */
export function baseUrlEnvironment(ledgerUrl: string, token: string, hosts: Record<string, HostSpec>): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [host, spec] of Object.entries(hosts)) {
    const base = baseUrlFor(ledgerUrl, token, host);
    env[baseUrlVariable(host)] = base;
    if (spec.model === 'openai') env.OPENAI_BASE_URL ??= `${base}/v1`;
    if (spec.model === 'anthropic') env.ANTHROPIC_BASE_URL ??= base;
  }
  return env;
}
