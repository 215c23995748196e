import { referenceAdapter } from './adapter.js';

export const adapter = referenceAdapter({
  name: 'reference',
  description: 'embedded durable executor (SQLite journal, no server): the no-false-alarm baseline',
});
