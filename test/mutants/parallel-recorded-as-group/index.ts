import { mutant } from '../mutant.js';

export const adapter = mutant(import.meta.dirname, 'records the branches of a parallel group only when all are done');
