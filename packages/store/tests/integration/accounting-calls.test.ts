import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { beforeAll, describe, expect, it } from 'vitest';
import { newId } from '#domain/ids';
import { accountingCallRepository } from '../../src/accounting-calls.ts';
import type { Db } from '../../src/db.ts';
import { testStackDb } from '../support/test-stack.ts';

/**
 * An integration's calls per day against DynamoDB Local (the global setup's stack): steps that add
 * at once lose none of each other's calls, each add answers the day's count after it, days and
 * integrations are apart, and the item expires a few days after its day.
 */
describe('accountingCallRepository', () => {
  let db: Db;
  let calls: ReturnType<typeof accountingCallRepository>;
  beforeAll(() => {
    db = testStackDb();
    calls = accountingCallRepository(db);
  });

  it('adds steps running at once without losing a call, and answers the count after each add', async () => {
    // Prepare
    const owner = { kind: 'reseller', reseller: newId() } as const;

    // Act: 20 steps of 1..20 calls at once
    const answers = await Promise.all(
      Array.from({ length: 20 }, (_, index) =>
        calls.addAccountingCalls(owner, 'uniconta', '2026-11-15', index + 1),
      ),
    );

    // Assess
    expect(await calls.accountingCallsOn(owner, 'uniconta', '2026-11-15')).toBe(210);
    expect(Math.max(...answers)).toBe(210);
    expect(new Set(answers).size).toBe(20);
  });

  it('keeps days, systems and owners apart; a day without calls is 0', async () => {
    // Prepare
    const owner = { kind: 'reseller', reseller: newId() } as const;
    const other = { kind: 'reseller', reseller: newId() } as const;

    // Act
    await calls.addAccountingCalls(owner, 'uniconta', '2026-11-15', 7);
    await calls.addAccountingCalls(owner, 'uniconta', '2026-11-16', 3);

    // Assess
    expect(await calls.accountingCallsOn(owner, 'uniconta', '2026-11-15')).toBe(7);
    expect(await calls.accountingCallsOn(owner, 'uniconta', '2026-11-16')).toBe(3);
    expect(await calls.accountingCallsOn(owner, 'economic', '2026-11-15')).toBe(0);
    expect(await calls.accountingCallsOn(other, 'uniconta', '2026-11-15')).toBe(0);
  });

  it('stores the count under the owner’s tenant, expiring three days after its day', async () => {
    // Prepare
    const reseller = newId();

    // Act
    await calls.addAccountingCalls({ kind: 'reseller', reseller }, 'uniconta', '2026-11-15', 2);
    const { Item } = await db.client.send(
      new GetCommand({
        TableName: db.tableName,
        Key: { pk: `T#${reseller}`, sk: 'CALLS#uniconta#2026-11-15' },
      }),
    );

    // Assess
    expect(Item).toEqual({
      pk: `T#${reseller}`,
      sk: 'CALLS#uniconta#2026-11-15',
      type: 'accounting-calls',
      calls: 2,
      expiresAt: Date.parse('2026-11-18T00:00:00.000Z') / 1000,
    });
  });
});
