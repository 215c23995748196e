import { mutant } from '../mutant.js';

export const adapter = mutant(import.meta.dirname, 'drops an approval that came before the run waited for it');
