import { mutant } from '../mutant.js';

export const adapter = mutant(import.meta.dirname, 'asks the human again, unkeyed, after every crash during a wait');
