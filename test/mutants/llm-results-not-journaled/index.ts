import { mutant } from '../mutant.js';

export const adapter = mutant(import.meta.dirname, 'keeps model answers in memory only');
