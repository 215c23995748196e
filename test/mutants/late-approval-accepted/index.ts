import { mutant } from '../mutant.js';

export const adapter = mutant(import.meta.dirname, 'takes an approval that came after the timeout');
