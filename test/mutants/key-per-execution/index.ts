import { mutant } from '../mutant.js';

export const adapter = mutant(import.meta.dirname, 'a fresh idempotency key for every execution of a step');
