import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { Db } from './db.ts';
import { fromItem } from './item.ts';

/**
 * Sets the given attributes of an item that must already exist and returns the item as it is
 * afterwards, or undefined when there was no such item (a PATCH of a missing id is a 404, and
 * must never create a half-formed item).
 */
export const updateExisting = async <T>(
  db: Db,
  key: { pk: string; sk: string },
  changes: Record<string, unknown>,
): Promise<T | undefined> => {
  const entries = Object.entries(changes).filter(([, value]) => value !== undefined);
  try {
    const { Attributes } = await db.client.send(
      new UpdateCommand({
        TableName: db.tableName,
        Key: key,
        UpdateExpression: `SET ${entries.map((_, index) => `#f${index} = :v${index}`).join(', ')}`,
        ConditionExpression: 'attribute_exists(pk)',
        ExpressionAttributeNames: Object.fromEntries(entries.map(([name], index) => [`#f${index}`, name])),
        ExpressionAttributeValues: Object.fromEntries(
          entries.map(([, value], index) => [`:v${index}`, value]),
        ),
        ReturnValues: 'ALL_NEW',
      }),
    );
    return Attributes ? fromItem<T>(Attributes) : undefined;
  } catch (error) {
    if ((error as Error).name === 'ConditionalCheckFailedException') return undefined;
    throw error;
  }
};
