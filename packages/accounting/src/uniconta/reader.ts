/**
 * What Faktura reads from a Uniconta company without making a draft: whether the login works, the
 * master data an export is checked against, a VAT code's rate, and the calls made (counted against
 * the daily allowance). The export request, the monthly close's automatic export and the
 * integration's settings need no more, and bundle no more (adapter.ts adds the drafts).
 */
import type {
  AccountingCustomer,
  AccountingProduct,
  AccountingReader,
  MasterData,
} from '#app/ports/accounting';
import { asNumber, asString } from '../json.ts';
import { type UnicontaAdapterOptions, type UnicontaEntities, unicontaEntities } from './entities.ts';

export interface UnicontaReader extends AccountingReader {
  readonly system: 'uniconta';
  readonly calls: UnicontaEntities['calls'];
  vatCodeRate(code: string): Promise<number | undefined>;
}

/**
 * Master data: the entity API filters with `Name`/`Value` and does not page, so customers and items
 * are one GET each (Uniconta counts calls per day: fewer, larger reads are what it asks for).
 */
const loadMasterData = async ({ query }: UnicontaEntities): Promise<MasterData> => {
  const operation = 'loadMasterData';
  const [debtors, items] = await Promise.all([
    query('DebtorClient', operation),
    query('InvItemClient', operation),
  ]);
  const customers = new Map<string, AccountingCustomer>();
  for (const debtor of debtors) {
    const number = asString(debtor.Account);
    if (number === undefined) continue;
    const currency = typeof debtor.Currency === 'string' ? debtor.Currency : undefined;
    customers.set(number, {
      number,
      name: asString(debtor.Name) ?? '',
      barred: debtor.Blocked === true,
      ...(currency ? { currency } : {}),
    });
  }
  const products = new Map<string, AccountingProduct>();
  for (const item of items) {
    const number = asString(item.Item);
    if (number === undefined) continue;
    products.set(number, { number, name: asString(item.Name) ?? '', barred: item.Blocked === true });
  }
  return { customers, products };
};

/** The reader over a connection the draft writer may share. */
export const unicontaReader = (entities: UnicontaEntities): UnicontaReader => {
  const { calls, query } = entities;
  return {
    system: 'uniconta',
    calls,
    verifyCredentials: async () => {
      // A filtered read that matches nothing: proves the login and the company rights, costs one call.
      await query('DebtorClient', 'verifyCredentials', ['Account', '__faktura_credentials_check__']);
    },
    loadMasterData: () => loadMasterData(entities),
    callsNotYetCounted: () => calls.untold(),
    vatCodeRate: async (code) => {
      const [found] = (await query('GLVatClient', 'vatCodeRate', ['Vat', code])).filter(
        (vat) => vat.Vat === code,
      );
      return found === undefined ? undefined : (asNumber(found.Rate) ?? undefined);
    },
  };
};

export const createUnicontaReader = (options: UnicontaAdapterOptions): UnicontaReader =>
  unicontaReader(unicontaEntities(options));
