import { createHash } from 'node:crypto';
import { Faker, base, en } from '@faker-js/faker';
import { z } from 'zod';

/**
 * A host the agent calls. `model: 'openai'` makes it the scripted model; otherwise it
 * is a tool service: `writes` lists the routes that change the world ("POST
 * /v1/refunds", a trailing * matches any rest), the others are reads.
 */
export const HostSpec = z
  .object({
    model: z.enum(['openai']).optional(),
    writes: z.array(z.string().regex(/^[A-Z]+ \/\S*$/, 'expected "METHOD /path", e.g. "POST /v1/refunds"')).default([]),
    /** The header that carries an idempotency key (Stripe: Idempotency-Key). */
    idempotencyHeader: z.string().optional(),
    /** The header that must carry the run's principal on every call (identity). */
    identityHeader: z.string().optional(),
  })
  .strict();
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
 * A service's answer: a realistic object drawn from the seed and the call, so the same
 * call in the same case gets the same body; the request's own fields echo back, as
 * payment APIs return the object they created.
 */
export function serviceBody(seed: number, route: string, nth: number, fields: Record<string, unknown>): string {
  const faker = new Faker({ locale: [en, base] });
  faker.seed(parseInt(createHash('sha256').update(`${seed}\u0000${route}\u0000${nth}`).digest('hex').slice(0, 8), 16));
  const resource = route.split('/').filter((s) => s && !/^v\d+$/.test(s) && !/\d/.test(s)).at(-1) ?? 'object';
  const object = resource.replace(/s$/, '');
  return JSON.stringify({
    id: `${object.slice(0, 3)}_${faker.string.alphanumeric(14)}`,
    object,
    created: Math.floor(faker.date.recent({ refDate: Date.UTC(2026, 0, 1) }).getTime() / 1000),
    status: 'succeeded',
    customer: { name: faker.person.fullName(), email: faker.internet.email() },
    ...fields,
  });
}
