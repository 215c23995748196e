import { mutant } from '../mutant.js';

export const adapter = mutant(import.meta.dirname, 'writes carry no idempotency key');
