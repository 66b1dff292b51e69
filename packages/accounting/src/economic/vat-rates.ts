import { asInteger, asNumber, asRecords, asString, at, type JsonRecord } from '../json.ts';

/**
 * Which VAT a line of a product carries on an e-conomic draft, pure. A draft line has no VAT field:
 * e-conomic takes the product's group, the group's sales account for the recipient's VAT zone, and
 * that account's VAT code, whose VAT account gives the rate (docs/contracts/booking-and-vat.md, e-conomic
 * Q1). An account without a VAT code carries none (0 %): that is how a VAT-free product group is
 * set up. A zone the group has no sales account for, or a VAT code the agreement does not list,
 * is left out: unknown, so the export's pre-check says nothing and the draft's answer decides.
 */

/** VAT code → rate in percent (GET /vat-accounts). */
export const vatRatesOf = (vatAccounts: readonly JsonRecord[]): Map<string, number> => {
  const rates = new Map<string, number>();
  for (const account of vatAccounts) {
    const code = asString(account.vatCode);
    const rate = asNumber(account.ratePercentage);
    if (code !== undefined && rate !== undefined) rates.set(code, rate);
  }
  return rates;
};

/** VAT zone number → rate in percent, for one product group (GET /product-groups/{n}/sales-accounts). */
export const productGroupVatRates = (
  salesAccounts: readonly JsonRecord[],
  ratesByCode: ReadonlyMap<string, number>,
): Map<number, number> => {
  const byZone = new Map<number, number>();
  for (const entry of salesAccounts) {
    const zone = asInteger(at(entry, 'vatZone', 'vatZoneNumber'));
    if (zone === undefined || asInteger(at(entry, 'salesAccount', 'accountNumber')) === undefined) continue;
    const code = asString(at(entry, 'salesAccount', 'vatAccount', 'vatCode'));
    const rate = code === undefined ? 0 : ratesByCode.get(code);
    if (rate !== undefined) byZone.set(zone, rate);
  }
  return byZone;
};

/** The product group numbers the products belong to. */
export const productGroupsOf = (products: readonly JsonRecord[]): Set<number> =>
  new Set(
    asRecords(products)
      .map((product) => asInteger(at(product, 'productGroup', 'productGroupNumber')))
      .filter((group): group is number => group !== undefined),
  );
