import { describe, expect, it } from 'vitest';
import { missingPackageHint } from './load-adapter.js';

describe('missingPackageHint', () => {
  it('names the package to install when a runtime SDK is missing', () => {
    const err = new Error("Cannot find package '@temporalio/client' imported from /x/node_modules/agentcheck/dist/adapters/temporal/suite.js");
    expect(missingPackageHint(err)).toBe('\n  install it beside agentcheck: npm i -D @temporalio/client');
  });

  it('adds nothing to other load errors', () => {
    expect(missingPackageHint(new SyntaxError('Unexpected token'))).toBe('');
  });
});
