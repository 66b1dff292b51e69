import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import type { AccountingSystemName, IntegrationOwner, IntegrationSettings } from '#domain/integration';
import { documentClient, tableName } from './client.ts';
import { fromItem } from './item.ts';
import { tenant } from './keys.ts';

const integrationKey = (owner: IntegrationOwner, system: AccountingSystemName) => ({
  pk: owner.kind === 'platform' ? 'P#PLATFORM' : tenant(owner.reseller),
  sk: `INTEGRATION#${system}`,
});

export const putIntegration = async (settings: IntegrationSettings): Promise<void> => {
  await documentClient.send(
    new PutCommand({
      TableName: tableName(),
      Item: { ...integrationKey(settings.owner, settings.system), type: 'integration', ...settings },
    }),
  );
};

export const getIntegration = async (
  owner: IntegrationOwner,
  system: AccountingSystemName,
): Promise<IntegrationSettings | undefined> => {
  const { Item } = await documentClient.send(
    new GetCommand({ TableName: tableName(), Key: integrationKey(owner, system) }),
  );
  return Item ? fromItem<IntegrationSettings>(Item) : undefined;
};
