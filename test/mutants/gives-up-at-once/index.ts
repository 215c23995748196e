import { mutant } from '../mutant.js';

export const adapter = mutant(import.meta.dirname, 'fails the step on the first tool error, without retrying');
