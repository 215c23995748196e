import { mutant } from '../mutant.js';

export const adapter = mutant(import.meta.dirname, 'renews its lease less often than the lease lasts');
