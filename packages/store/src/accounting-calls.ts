import { GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { AccountingSystemName, IntegrationOwner } from '#domain/integration';
import type { Db } from './db.ts';
import { accountingCallsKey } from './keys.ts';

/** A day's count outlives its day by this much (TTL), so that yesterday's is still there to look at. */
const keptForDays = 3;

const dayMs = 86_400_000;

/**
 * An integration's calls per day. A step adds what it called in one atomic ADD (no read
 * first; it answers the day's count after it), so steps running at once never lose each other's calls; the first ADD of a day makes the
 * item. DynamoDB's TTL (`expiresAt`) removes it a few days after its day.
 */
export const accountingCallRepository = (db: Db) => ({
  addAccountingCalls: async (
    owner: IntegrationOwner,
    system: AccountingSystemName,
    day: string,
    calls: number,
  ): Promise<number> => {
    const { Attributes } = await db.client.send(
      new UpdateCommand({
        TableName: db.tableName,
        Key: accountingCallsKey(owner, system, day),
        UpdateExpression: 'ADD calls :calls SET #type = :type, expiresAt = :expiresAt',
        ExpressionAttributeNames: { '#type': 'type' },
        ExpressionAttributeValues: {
          ':calls': calls,
          ':type': 'accounting-calls',
          ':expiresAt': Math.floor((Date.parse(day) + keptForDays * dayMs) / 1000),
        },
        ReturnValues: 'UPDATED_NEW',
      }),
    );
    return Attributes?.calls as number;
  },

  /** The calls counted on the day; 0 for a day without any. */
  accountingCallsOn: async (owner: IntegrationOwner, system: AccountingSystemName, day: string) => {
    const { Item } = await db.client.send(
      new GetCommand({
        TableName: db.tableName,
        Key: accountingCallsKey(owner, system, day),
        ConsistentRead: true,
      }),
    );
    return (Item?.calls as number | undefined) ?? 0;
  },
});
