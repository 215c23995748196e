import { defineConfig } from 'vitest/config';
import base from './vitest.config.js';

// Long variants kept out of `npm test` (each has its own npm script): files named *.long.ts.
export default defineConfig({ ...base, test: { ...base.test, include: ['test/**/*.long.ts'] } });
