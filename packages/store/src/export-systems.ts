import { GetCommand, QueryCommand, TransactWriteCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { documentClient, tableName } from './client.ts';
import type { ExportableInvoiceHeader } from './invoices.ts';
import { fromItem } from './item.ts';
import {
  exportMarkKey,
  exportSystemsKey,
  pendingExportIndexKey,
  pendingExportKey,
  resellerInvoicesIndexKey,
} from './keys.ts';

/**
 * The systems that pull a reseller's invoices (export tracking). A system is registered the first
 * time it asks or marks; from then on every new invoice is created with a "pending for X" item,
 * in the same transaction, and the invoices that existed before are given theirs once.
 */
export interface ExportSystems {
  readonly systems: readonly string[];
  /** Absent while the reseller has none; every registration increments it. */
  readonly version?: number;
}

export const getExportSystems = async (reseller: string): Promise<ExportSystems> => {
  const { Item } = await documentClient.send(
    new GetCommand({ TableName: tableName(), Key: exportSystemsKey(reseller) }),
  );
  return Item ? { systems: Item.systems as string[], version: Item.version as number } : { systems: [] };
};

/** The pending item of an invoice for a system: what the export-tracking list reads and filters on. */
export const pendingItem = (
  header: Pick<ExportableInvoiceHeader, 'reseller' | 'id' | 'customer' | 'createdAt' | 'sent'>,
  system: string,
) => ({
  ...pendingExportKey(header.reseller, header.id, system),
  ...pendingExportIndexKey(header.reseller, system, header.createdAt, header.id),
  type: 'export-pending',
  invoice: header.id,
  customer: header.customer,
  system,
  createdAt: header.createdAt,
  updatedAt: header.createdAt,
  booked: header.sent,
});

/**
 * Registers a system for a reseller (once) and gives every invoice it has not taken yet its
 * pending item. Each is written on the condition that the invoice has no mark for the system, so
 * an invoice marked meanwhile is not made pending again. Costs one call per existing invoice, once
 * per system and reseller.
 */
export const registerExportSystem = async (reseller: string, system: string): Promise<boolean> => {
  try {
    await documentClient.send(
      new UpdateCommand({
        TableName: tableName(),
        Key: exportSystemsKey(reseller),
        UpdateExpression:
          'SET systems = list_append(if_not_exists(systems, :none), :system), version = if_not_exists(version, :zero) + :one, #type = :type',
        ConditionExpression: 'attribute_not_exists(pk) OR NOT contains(systems, :name)',
        ExpressionAttributeNames: { '#type': 'type' },
        ExpressionAttributeValues: {
          ':none': [],
          ':system': [system],
          ':name': system,
          ':zero': 0,
          ':one': 1,
          ':type': 'export-systems',
        },
      }),
    );
  } catch (error) {
    if ((error as Error).name === 'ConditionalCheckFailedException') return false;
    throw error;
  }
  let startKey: Record<string, unknown> | undefined;
  do {
    const page = await documentClient.send(
      new QueryCommand({
        TableName: tableName(),
        IndexName: 'gsi2',
        KeyConditionExpression: 'gsi2pk = :pk',
        ExpressionAttributeValues: { ':pk': resellerInvoicesIndexKey(reseller, '', '').gsi2pk },
        ExclusiveStartKey: startKey,
      }),
    );
    for (const item of page.Items ?? []) {
      const header = fromItem<ExportableInvoiceHeader>(item);
      if (header.exportedTo?.[system]) continue;
      try {
        await documentClient.send(
          new TransactWriteCommand({
            TransactItems: [
              { Put: { TableName: tableName(), Item: pendingItem(header, system) } },
              {
                ConditionCheck: {
                  TableName: tableName(),
                  Key: exportMarkKey(reseller, header.id, system),
                  ConditionExpression: 'attribute_not_exists(pk)',
                },
              },
            ],
          }),
        );
      } catch (error) {
        if ((error as Error).name !== 'TransactionCanceledException') throw error;
      }
    }
    startKey = page.LastEvaluatedKey;
  } while (startKey);
  return true;
};
