import { describe, expect, it } from 'vitest';
import { cancellationCodes } from '../../src/cancellation.ts';
import { cancelled, conditionFailed } from '../support/mocked-db.ts';

describe('cancellationCodes', () => {
  it('gives the code of each action of a cancelled transaction, in the order sent', () => {
    expect(cancellationCodes(cancelled('None', 'ConditionalCheckFailed', 'TransactionConflict'))).toEqual([
      'None',
      'ConditionalCheckFailed',
      'TransactionConflict',
    ]);
  });

  it('is undefined for any other error, so that it is thrown on', () => {
    expect(cancellationCodes(conditionFailed())).toBeUndefined();
    expect(cancellationCodes(new Error('socket hang up'))).toBeUndefined();
    expect(cancellationCodes(undefined)).toBeUndefined();
  });
});
