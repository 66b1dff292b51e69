import { BatchGetCommand } from '@aws-sdk/lib-dynamodb';
import { afterEach, describe, expect, it } from 'vitest';
import { batchGetAll } from '../../src/batch-get.ts';
import { mockedDb, table } from '../support/mocked-db.ts';

const { db, dynamo } = mockedDb();
afterEach(() => dynamo.reset());

const keyOf = (index: number) => ({ pk: `P#PRODUCT#${index}`, sk: 'PRODUCT' });

describe('batchGetAll', () => {
  it('asks for at most 100 keys a call, each key once', async () => {
    // Prepare
    dynamo.on(BatchGetCommand).resolves({ Responses: { [table]: [] } });
    const keys = Array.from({ length: 150 }, (_, index) => keyOf(index));

    // Act
    await batchGetAll(db, [...keys, keyOf(0)]);

    // Assess
    const calls = dynamo.commandCalls(BatchGetCommand).map((call) => call.args[0].input);
    expect(calls).toEqual([
      { RequestItems: { [table]: { Keys: keys.slice(0, 100) } } },
      { RequestItems: { [table]: { Keys: keys.slice(100) } } },
    ]);
  });

  it('asks again for what DynamoDB left unprocessed, strongly consistent when told', async () => {
    // Prepare
    dynamo
      .on(BatchGetCommand)
      .resolvesOnce({
        Responses: { [table]: [{ id: 'a' }] },
        UnprocessedKeys: { [table]: { Keys: [keyOf(2)] } },
      })
      .resolvesOnce({ Responses: { [table]: [{ id: 'b' }] } });

    // Act
    const items = await batchGetAll(db, [keyOf(1), keyOf(2)], { consistent: true });

    // Assess
    expect(items).toEqual([{ id: 'a' }, { id: 'b' }]);
    expect(dynamo.commandCalls(BatchGetCommand).map((call) => call.args[0].input)).toEqual([
      { RequestItems: { [table]: { Keys: [keyOf(1), keyOf(2)], ConsistentRead: true } } },
      { RequestItems: { [table]: { Keys: [keyOf(2)], ConsistentRead: true } } },
    ]);
  });

  it('keeps four calls in flight at once, and answers every item', async () => {
    // Prepare: each call answers only after the fourth has been sent
    let sent = 0;
    let release: () => void = () => undefined;
    const fourSent = new Promise<void>((resolve) => {
      release = resolve;
    });
    dynamo
      .on(BatchGetCommand)
      .callsFake(async (input: { RequestItems: Record<string, { Keys: unknown[] }> }) => {
        sent += 1;
        if (sent === 4) release();
        await fourSent;
        return { Responses: { [table]: input.RequestItems[table]!.Keys } };
      });
    const keys = Array.from({ length: 450 }, (_, index) => keyOf(index));

    // Act
    const items = await batchGetAll(db, keys);

    // Assess
    expect(dynamo.commandCalls(BatchGetCommand)).toHaveLength(5);
    expect(new Set(items)).toEqual(new Set(keys));
  });

  it('sends nothing for no keys', async () => {
    // Act
    const items = await batchGetAll(db, []);

    // Assess
    expect(items).toEqual([]);
    expect(dynamo.commandCalls(BatchGetCommand)).toHaveLength(0);
  });
});
