import { TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { afterEach, describe, expect, it } from 'vitest';
import { type ExportMark, InvoiceGone, MarksAlreadyWritten } from '#app/ports/store';
import { markRepository } from '../../src/marks.ts';
import { cancelled, mockedDb, table } from '../support/mocked-db.ts';

const { db, dynamo } = mockedDb();
const marks = markRepository(db);
afterEach(() => dynamo.reset());

const mark: ExportMark = {
  reseller: 'r1',
  invoice: 'inv1',
  system: 'economic',
  at: '2026-11-02T08:00:00.000Z',
  exportId: 'job1',
  draftNumber: '17',
  event: 'exported to e-conomic',
};
const pk = 'T#r1#INVOICE#inv1';

describe('markRepository', () => {
  it('writes the header’s summary, the mark with its history entry for the timeline, and the pending item’s removal together', async () => {
    // Prepare
    dynamo.on(TransactWriteCommand).resolves({});

    // Act
    const outcome = await marks.markExported(mark);

    // Assess
    expect(outcome).toBe('marked');
    const summary = { at: mark.at, exportId: 'job1', draftNumber: '17' };
    expect(dynamo.commandCalls(TransactWriteCommand)[0]!.args[0].input).toEqual({
      TransactItems: [
        {
          Update: {
            TableName: table,
            Key: { pk, sk: 'HEADER' },
            UpdateExpression: 'SET exportedTo.#s0 = :m0',
            ConditionExpression: 'attribute_exists(pk)',
            ExpressionAttributeNames: { '#s0': 'S#economic' },
            ExpressionAttributeValues: { ':m0': summary },
          },
        },
        {
          Update: {
            TableName: table,
            Key: { pk, sk: 'MARK#economic' },
            UpdateExpression:
              'SET #system = :system, #at = :at, #type = :type, invoice = :invoice, gsi2pk = :byTime, gsi2sk = :when, history = list_append(if_not_exists(history, :none), :this)',
            ConditionExpression: 'attribute_not_exists(#at) OR #at <> :at',
            ExpressionAttributeNames: { '#system': 'system', '#at': 'at', '#type': 'type' },
            ExpressionAttributeValues: {
              ':system': 'economic',
              ':at': mark.at,
              ':none': [],
              ':this': [{ ...summary, event: 'exported to e-conomic' }],
              ':type': 'export-mark',
              ':invoice': 'inv1',
              ':byTime': 'T#r1#MARKED#economic',
              ':when': `${mark.at}#inv1`,
            },
          },
        },
        { Delete: { TableName: table, Key: { pk, sk: 'PENDING#economic' } } },
      ],
    });
  });

  it('updates a header once for all its marks of a call, and keeps one mark per invoice and system', async () => {
    // Prepare
    dynamo.on(TransactWriteCommand).resolves({});

    // Act
    await marks.markExportedTogether([
      mark,
      { ...mark, system: 'bi' },
      { ...mark, system: 'bi', note: 'last' },
    ]);

    // Assess
    const actions = dynamo.commandCalls(TransactWriteCommand)[0]!.args[0].input.TransactItems!;
    expect(actions).toHaveLength(1 + 2 * 2);
    expect(actions[0]!.Update).toMatchObject({
      UpdateExpression: 'SET exportedTo.#s0 = :m0, exportedTo.#s1 = :m1',
      ExpressionAttributeNames: { '#s0': 'S#economic', '#s1': 'S#bi' },
      ExpressionAttributeValues: {
        ':m1': { at: mark.at, exportId: 'job1', draftNumber: '17', note: 'last' },
      },
    });
  });

  it('keeps who marked it in the history entry, for the timeline', async () => {
    // Prepare
    dynamo.on(TransactWriteCommand).resolves({});

    // Act
    await marks.markExported({ ...mark, by: 'staff@telco.example', note: 'by hand' });

    // Assess
    const actions = dynamo.commandCalls(TransactWriteCommand)[0]!.args[0].input.TransactItems!;
    expect(actions[1]!.Update!.ExpressionAttributeValues![':this']).toEqual([
      {
        at: mark.at,
        exportId: 'job1',
        draftNumber: '17',
        note: 'by hand',
        event: 'exported to e-conomic',
        by: 'staff@telco.example',
      },
    ]);
    expect(actions[0]!.Update!.ExpressionAttributeValues![':m0']).toEqual({
      at: mark.at,
      exportId: 'job1',
      draftNumber: '17',
      note: 'by hand',
    });
  });

  it('names an invoice that does not exist (its header’s condition failed)', async () => {
    // Prepare
    dynamo.on(TransactWriteCommand).rejects(cancelled('ConditionalCheckFailed', 'None', 'None', 'None'));

    // Act
    const marked = marks.markExported(mark);

    // Assess
    await expect(marked).rejects.toEqual(new InvoiceGone('Invoice inv1 does not exist'));
  });

  it('answers already-marked when the same mark was written before', async () => {
    // Prepare
    dynamo.on(TransactWriteCommand).rejects(cancelled('None', 'ConditionalCheckFailed', 'None'));

    // Act
    const outcome = await marks.markExported(mark);

    // Assess
    expect(outcome).toBe('already-marked');
  });

  it('says which of several marks written together was written before, so each can be written on its own', async () => {
    // Prepare: two invoices' headers, then the first invoice's mark refused as already written
    const other = { ...mark, invoice: 'inv2' };
    dynamo
      .on(TransactWriteCommand)
      .rejects(cancelled('None', 'None', 'ConditionalCheckFailed', 'None', 'None', 'None'));

    // Act
    const marked = marks.markExportedTogether([mark, other]);

    // Assess
    await expect(marked).rejects.toBeInstanceOf(MarksAlreadyWritten);
  });
  it('takes no pending item when told that no system pulls under the mark’s name: the header and the mark alone', async () => {
    // Prepare
    dynamo.on(TransactWriteCommand).resolves({});

    // Act
    await marks.markExportedTogether([mark, { ...mark, invoice: 'inv2' }], { pulled: false });

    // Assess: two headers, then each mark's own update, and no Delete
    const items = dynamo.commandCalls(TransactWriteCommand)[0]!.args[0].input.TransactItems!;
    expect(items.map((item) => Object.keys(item)[0])).toEqual(['Update', 'Update', 'Update', 'Update']);
    expect(items.map((item) => item.Update?.Key)).toEqual([
      { pk, sk: 'HEADER' },
      { pk: 'T#r1#INVOICE#inv2', sk: 'HEADER' },
      { pk, sk: 'MARK#economic' },
      { pk: 'T#r1#INVOICE#inv2', sk: 'MARK#economic' },
    ]);
  });

  it('tells a mark written before among marks that take no pending item by the same condition', async () => {
    // Prepare: two headers, then the second invoice's mark (one action each) refused as already written
    dynamo.on(TransactWriteCommand).rejects(cancelled('None', 'None', 'None', 'ConditionalCheckFailed'));

    // Act
    const marked = marks.markExportedTogether([mark, { ...mark, invoice: 'inv2' }], { pulled: false });

    // Assess
    await expect(marked).rejects.toBeInstanceOf(MarksAlreadyWritten);
  });
});
