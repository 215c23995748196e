import { describe, expect, it } from 'vitest';
import { CouldNotRunError } from '../../harness/kit.js';
import { APPROVAL_ENV, approvalDeliveryFromEnv } from './delivery.js';

describe('approvalDeliveryFromEnv', () => {
  it('sends signals unless told otherwise', () => {
    expect(approvalDeliveryFromEnv({})).toBe('signal');
    expect(approvalDeliveryFromEnv({ [APPROVAL_ENV]: '' })).toBe('signal');
  });

  it('takes either way by name', () => {
    expect(approvalDeliveryFromEnv({ [APPROVAL_ENV]: 'update' })).toBe('update');
    expect(approvalDeliveryFromEnv({ [APPROVAL_ENV]: 'signal' })).toBe('signal');
  });

  it('refuses anything else with one line naming the variable and the choices', () => {
    expect(() => approvalDeliveryFromEnv({ [APPROVAL_ENV]: 'query' })).toThrow(CouldNotRunError);
    expect(() => approvalDeliveryFromEnv({ [APPROVAL_ENV]: 'query' })).toThrow(`${APPROVAL_ENV}=query: expected one of signal, update`);
  });
});
