import { mutant } from '../mutant.js';

export const adapter = mutant(import.meta.dirname, 'starts every wait (sleep, approval timeout) afresh after a restart');
