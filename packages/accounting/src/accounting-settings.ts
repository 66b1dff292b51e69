/**
 * From an integration's settings and the credentials read from the secret store to the options of
 * its system's adapter or reader. Credentials that do not fit the system (a Uniconta secret on an
 * e-conomic integration, a missing token) are AccountingAuthFailed: the integration is not valid,
 * and no retry will make it so.
 */
import type { AccountingSystem } from '#app/ports/accounting';
import { AccountingAuthFailed } from '#domain/accounting-failures';
import type { Credentials } from '#domain/integration';
import type { EconomicAdapterOptions } from './economic/reader.ts';
import type { HttpTuning } from './http/client.ts';
import type { UnicontaAdapterOptions } from './uniconta/entities.ts';

export interface AccountingSettings extends HttpTuning {
  /** The service root: `https://restapi.e-conomic.com`, `https://odata.uniconta.com`, or a simulator's. */
  readonly baseUrl: string;
  /** As the secret store holds them (packages/domain/src/integration.ts); checked here, since a secret may not fit its system. */
  readonly credentials: Credentials;
  /** e-conomic: the layout for customers whose own and group layouts are missing. */
  readonly defaultLayoutNumber?: number | undefined;
  /** e-conomic: the due date of drafts under `dueDate` terms whose invoice has none (#domain/payment-terms). */
  readonly defaultDaysOfCredit?: number | undefined;
  /** Uniconta: the VAT code VAT-exempt lines carry (#domain/integration). */
  readonly exemptVatCode?: string | undefined;
  /** e-conomic: pace by its rate-limit header (default true). */
  readonly pacing?: boolean | { readonly reserveFraction: number };
}

const text = (value: unknown): value is string => typeof value === 'string' && value.trim() !== '';

const economicOptions = (settings: AccountingSettings): EconomicAdapterOptions => {
  const { credentials, defaultLayoutNumber, defaultDaysOfCredit, exemptVatCode: _, ...tuning } = settings;
  const given = credentials as unknown as Record<string, unknown>;
  if (!text(given.appSecretToken) || !text(given.agreementGrantToken)) {
    throw new AccountingAuthFailed('e-conomic needs an app secret token and an agreement grant token');
  }
  return {
    ...tuning,
    appSecretToken: given.appSecretToken,
    agreementGrantToken: given.agreementGrantToken,
    ...(defaultLayoutNumber === undefined ? {} : { defaultLayoutNumber }),
    ...(defaultDaysOfCredit === undefined ? {} : { defaultDaysOfCredit }),
  };
};

const unicontaOptions = (settings: AccountingSettings): UnicontaAdapterOptions => {
  const { credentials, defaultLayoutNumber: _, defaultDaysOfCredit: __, exemptVatCode, ...tuning } = settings;
  const given = credentials as unknown as Record<string, unknown>;
  const companyId = given.companyId;
  if (!(text(companyId) || typeof companyId === 'number') || !text(given.userId) || !text(given.password)) {
    throw new AccountingAuthFailed('Uniconta needs a company id, a user id and a password');
  }
  return {
    ...tuning,
    companyId: companyId as string | number,
    userId: given.userId,
    password: given.password,
    ...(exemptVatCode === undefined ? {} : { exemptVatCode }),
  };
};

/** How each system's port is made from its options: the adapter (create-adapter.ts) or the reader (create-reader.ts). */
export interface OpenersBySystem<Economic, Uniconta> {
  readonly economic: (options: EconomicAdapterOptions) => Economic;
  readonly uniconta: (options: UnicontaAdapterOptions) => Uniconta;
}

/** The integration's system opened by its opener, with the options its settings make for it. */
export const openBySystem = <Economic, Uniconta>(
  system: AccountingSystem,
  settings: AccountingSettings,
  open: OpenersBySystem<Economic, Uniconta>,
): Economic | Uniconta => {
  switch (system) {
    case 'economic':
      return open.economic(economicOptions(settings));
    case 'uniconta':
      return open.uniconta(unicontaOptions(settings));
    default:
      throw new AccountingAuthFailed(`Unknown accounting system: ${String(system)}`);
  }
};
