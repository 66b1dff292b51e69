import { GetCommand } from '@aws-sdk/lib-dynamodb';
import type { DirectoryEntry, DirectoryKind } from '#app/ports/store';
import type { Db } from './db.ts';
import { directoryKey } from './keys.ts';

/** The entry's Put, to go into the transaction that creates the object it points to. */
export const directoryPut = (db: Db, entry: DirectoryEntry) => ({
  Put: {
    TableName: db.tableName,
    Item: { ...directoryKey(entry.id), type: 'directory', ...entry },
    ConditionExpression: 'attribute_not_exists(pk)',
  },
});

export const directoryDelete = (db: Db, id: string) => ({
  Delete: { TableName: db.tableName, Key: directoryKey(id) },
});

/** Which tenant owns an id, for ADMIN callers who name an object by id alone. */
export const directoryRepository = (db: Db) => {
  const lookUp = async (id: string, kind: DirectoryKind): Promise<DirectoryEntry | undefined> => {
    const { Item } = await db.client.send(new GetCommand({ TableName: db.tableName, Key: directoryKey(id) }));
    return Item && Item.kind === kind
      ? { id, kind, reseller: Item.reseller, customer: Item.customer }
      : undefined;
  };
  return { lookUp };
};
