import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { documentClient, tableName } from './client.ts';
import { directoryKey } from './keys.ts';

export type DirectoryKind = 'customer' | 'current-item' | 'invoice' | 'export';

export interface DirectoryEntry {
  readonly id: string;
  readonly kind: DirectoryKind;
  readonly reseller: string;
  readonly customer?: string;
}

export const directoryPut = (entry: DirectoryEntry) => ({
  Put: {
    TableName: tableName(),
    Item: { ...directoryKey(entry.id), type: 'directory', ...entry },
    ConditionExpression: 'attribute_not_exists(pk)',
  },
});

export const directoryDelete = (id: string) => ({
  Delete: { TableName: tableName(), Key: directoryKey(id) },
});

export const lookUp = async (id: string, kind: DirectoryKind): Promise<DirectoryEntry | undefined> => {
  const { Item } = await documentClient.send(
    new GetCommand({ TableName: tableName(), Key: directoryKey(id) }),
  );
  return Item && Item.kind === kind
    ? { id, kind, reseller: Item.reseller, customer: Item.customer }
    : undefined;
};
