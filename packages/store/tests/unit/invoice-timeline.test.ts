import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { afterEach, describe, expect, it } from 'vitest';
import { invoiceTimelineRepository } from '../../src/invoice-timeline.ts';
import { mockedDb, table } from '../support/mocked-db.ts';

const { db, dynamo } = mockedDb();
const invoices = invoiceTimelineRepository(db);
afterEach(() => dynamo.reset());

const pk = 'T#r1#INVOICE#inv1';

describe('invoiceTimelineRepository', () => {
  it('reads the timeline from the invoice’s partition: its timeline items and its marks’ history, at once', async () => {
    // Prepare
    const created = { at: '2026-11-01T08:00:00.000Z', event: 'created' };
    const exported = { at: '2026-11-02T08:00:00.000Z', exportId: 'job1', event: 'exported to e-conomic' };
    dynamo
      .on(QueryCommand, { ExpressionAttributeValues: { ':pk': pk, ':prefix': 'TIMELINE#' } })
      .resolves({ Items: [{ pk, sk: `TIMELINE#${created.at}#x`, type: 'invoice-timeline', ...created }] })
      .on(QueryCommand, { ExpressionAttributeValues: { ':pk': pk, ':prefix': 'MARK#' } })
      .resolves({
        Items: [{ pk, sk: 'MARK#economic', system: 'economic', at: exported.at, history: [exported] }],
      });

    // Act
    const timeline = await invoices.getTimeline('r1', 'inv1');

    // Assess
    expect(timeline).toEqual([
      created,
      {
        at: exported.at,
        event: 'exported to e-conomic',
        system: 'economic',
        detail: { at: exported.at, exportId: 'job1' },
      },
    ]);
    expect(dynamo.commandCalls(QueryCommand).map((call) => call.args[0].input)).toEqual(
      ['TIMELINE#', 'MARK#'].map((prefix) => ({
        TableName: table,
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
        ExpressionAttributeValues: { ':pk': pk, ':prefix': prefix },
        ExclusiveStartKey: undefined,
      })),
    );
  });
});
