import type { WorldReply } from './face.js';

/**
 * What a payment API answers a request whose idempotency key it first saw with another
 * request (another route or other parameters): an error, not the first answer, so that a
 * key reused by mistake cannot swallow a different payment. Shaped as Stripe's errors are
 * (HTTP 400, `error.type` "idempotency_error"), which the Stripe SDKs raise as their
 * idempotency error (decision 0094).
 */
export function keyReusedReply(key: string): WorldReply {
  return {
    status: 400,
    contentType: 'application/json',
    body: JSON.stringify({
      error: {
        type: 'idempotency_error',
        message: `The idempotency key '${key}' was first used with a different request; a different request needs a key of its own.`,
      },
    }),
  };
}

/**
 * What a payment API answers a request whose idempotency key a request still in progress
 * holds (received, not finished): a conflict to try again later, never a second run of
 * the work and never the first answer, which does not exist yet. Shaped as Stripe's:
 * HTTP 409, `error.type` "idempotency_error", code "idempotency_key_in_use" (decision 0103).
 */
export function keyInUseReply(key: string): WorldReply {
  return {
    status: 409,
    contentType: 'application/json',
    body: JSON.stringify({
      error: {
        type: 'idempotency_error',
        code: 'idempotency_key_in_use',
        message: `The idempotency key '${key}' is in use by a request that is still in progress; try again later.`,
      },
    }),
  };
}
