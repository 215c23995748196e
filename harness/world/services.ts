import { z } from 'zod';

/**
 * A host the agent calls. `model: 'openai'` or `'anthropic'` makes it the scripted model (that API's face); otherwise it
 * is a tool service: `writes` lists the routes that change the world ("POST
 * /v1/refunds", a trailing * matches any rest), the others are reads.
 */
export const HostSpec = z
  .object({
    model: z.enum(['openai', 'anthropic']).optional(),
    writes: z.array(z.string().regex(/^[A-Z]+ \/\S*$/, 'expected "METHOD /path", e.g. "POST /v1/refunds"')).default([]),
    /** The header that carries an idempotency key (Stripe: Idempotency-Key). */
    idempotencyHeader: z.string().optional(),
    /**
     * What the service answers a key it first saw with another request (another route or
     * body): `refuse` (the default; Stripe, Twilio: an idempotency error, decision 0094) or
     * `first-answer` (Qonto, PayPal: the first request's answer, whatever the body; decision 0109).
     */
    reusedKey: z.enum(['refuse', 'first-answer']).optional(),
    /** The header that must carry the run's principal on every call (identity). */
    identityHeader: z.string().optional(),
  })
  .strict()
  .refine((h) => h.reusedKey === undefined || h.idempotencyHeader !== undefined, { message: 'reusedKey needs an idempotencyHeader: it says how the service answers a key it has seen', path: ['reusedKey'] });
export type HostSpec = z.infer<typeof HostSpec>;

export function routeMatches(pattern: string, method: string, path: string): boolean {
  const [m, p] = pattern.split(' ');
  if (m !== method) return false;
  return p.endsWith('*') ? path.startsWith(p.slice(0, -1)) : p === path;
}

export const isWrite = (spec: HostSpec, method: string, path: string) => spec.writes.some((w) => routeMatches(w, method, path));

/** The request's fields, from JSON or a form body (Stripe's). */
export function bodyFields(body: string, contentType = ''): Record<string, unknown> {
  if (!body) return {};
  if (contentType.includes('application/x-www-form-urlencoded')) return Object.fromEntries(new URLSearchParams(body));
  try {
    const parsed = JSON.parse(body) as unknown;
    return parsed && typeof parsed === 'object' && !Array.isArray(parsed) ? (parsed as Record<string, unknown>) : { value: parsed };
  } catch {
    return {};
  }
}

/**
 * A request's body as its parameters, in one order: the same parameters sent again in
 * another order (a dict re-serialized after a resume) are the same request, as a payment
 * API compares them; anything that is not a JSON object or a form stays as sent.
 */
export function canonicalBody(body: string, contentType = ''): string {
  if (!body) return '';
  if (contentType.includes('application/x-www-form-urlencoded')) return [...new URLSearchParams(body)].map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`).sort().join('&');
  try {
    return JSON.stringify(sortKeys(JSON.parse(body) as unknown));
  } catch {
    return body;
  }
}

const sortKeys = (v: unknown): unknown =>
  Array.isArray(v) ? v.map(sortKeys) : v && typeof v === 'object' ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([k, x]) => [k, sortKeys(x)])) : v;
