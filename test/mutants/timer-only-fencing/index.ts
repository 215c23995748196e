import { mutant } from '../mutant.js';

export const adapter = mutant(import.meta.dirname, 'fences a run on its lease-renewal timer only (decision 0007, before)');
