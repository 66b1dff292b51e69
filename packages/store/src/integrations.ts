import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import type { AccountingSystemName, IntegrationOwner, IntegrationSettings } from '#domain/integration';
import type { Db } from './db.ts';
import { fromItem } from './item.ts';
import { tenant } from './keys.ts';

const integrationKey = (owner: IntegrationOwner, system: AccountingSystemName) => ({
  pk: owner.kind === 'platform' ? 'P#PLATFORM' : tenant(owner.reseller),
  sk: `INTEGRATION#${system}`,
});

/** The settings of an owner's accounting integrations (the credentials are in Secrets Manager). */
export const integrationRepository = (db: Db) => {
  const putIntegration = async (settings: IntegrationSettings): Promise<void> => {
    await db.client.send(
      new PutCommand({
        TableName: db.tableName,
        Item: { ...integrationKey(settings.owner, settings.system), type: 'integration', ...settings },
      }),
    );
  };

  const getIntegration = async (
    owner: IntegrationOwner,
    system: AccountingSystemName,
  ): Promise<IntegrationSettings | undefined> => {
    const { Item } = await db.client.send(
      new GetCommand({ TableName: db.tableName, Key: integrationKey(owner, system) }),
    );
    return Item ? fromItem<IntegrationSettings>(Item) : undefined;
  };

  return { putIntegration, getIntegration };
};
