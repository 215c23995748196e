import { createHash } from 'node:crypto';
import { Faker, base, en } from '@faker-js/faker';

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
