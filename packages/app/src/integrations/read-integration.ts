import type { IntegrationReader } from '#app/ports/export-store';
import type { Caller } from '#domain/caller';
import type { AccountingSystemName, IntegrationSettings } from '#domain/integration';
import { notFound } from '#domain/refusal';
import { integrationOwner } from './integration-owner.ts';

export interface ReadIntegrationInput {
  readonly caller: Caller;
  readonly system: AccountingSystemName;
  readonly reseller?: string | undefined;
  readonly platform?: boolean | undefined;
}

/** The integration as set up (its credentials masked when saved); 404 when it is not. */
export const readIntegration = async (
  { integrations }: { readonly integrations: IntegrationReader },
  { caller, system, reseller, platform }: ReadIntegrationInput,
): Promise<IntegrationSettings> => {
  const owner = integrationOwner(caller, { reseller, platform });
  const settings = await integrations.getIntegration(owner, system);
  if (!settings) throw notFound('not_found', `No ${system} integration is set up`);
  return settings;
};
