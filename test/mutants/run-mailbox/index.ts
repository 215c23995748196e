import { mutant } from '../mutant.js';

export const adapter = mutant(import.meta.dirname, 'answers each wait with the next decision of the run, whichever approval it was for');
