import { mutant } from '../mutant.js';

export const adapter = mutant(import.meta.dirname, 'treats an approval nobody answered as approved');
