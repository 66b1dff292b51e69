import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { afterEach, describe, expect, it } from 'vitest';
import { periodHeaderRepository } from '../../src/period-headers.ts';
import { headerRow } from '../support/invoices.ts';
import { mockedDb, table } from '../support/mocked-db.ts';

const { db, dynamo } = mockedDb();
const invoices = periodHeaderRepository(db);
afterEach(() => dynamo.reset());

describe('periodHeaderRepository.invoiceHeadersInPeriod', () => {
  it('reads every header of the period, oldest first, from gsi2', async () => {
    // Prepare
    dynamo.on(QueryCommand).resolves({ Items: [headerRow('a').stored] });

    // Act
    const headers = await invoices.invoiceHeadersInPeriod(
      'r1',
      '2026-10-01T00:00:00.000Z',
      '2026-11-01T00:00:00.000Z',
    );

    // Assess
    expect(headers).toEqual([headerRow('a').header]);
    expect(dynamo.commandCalls(QueryCommand)[0]!.args[0].input).toEqual({
      TableName: table,
      IndexName: 'gsi2',
      KeyConditionExpression: '#pk = :pk AND #sk BETWEEN :from AND :to',
      ExpressionAttributeNames: { '#pk': 'gsi2pk', '#sk': 'gsi2sk' },
      ExpressionAttributeValues: {
        ':pk': 'T#r1#INVOICES',
        ':from': '2026-10-01T00:00:00.000Z',
        ':to': '2026-11-01T00:00:00.000Z~',
      },
    });
  });
});
