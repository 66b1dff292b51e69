import Big from 'big.js';
import type { DraftTotals } from '#domain/draft-totals';
import { asNumber, asString, type JsonRecord } from '../json.ts';

/**
 * Uniconta's VAT rule, from its own tables, pure (docs/contracts/booking-and-vat.md, Uniconta Q5): a sales
 * order line's VAT code is the line's own `Vat`, else its item's inventory group's `SalesVat` for
 * the debtor's VAT zone (`SalesVat`, `SalesVat1`…`SalesVat4` for Domestic, EU member, abroad, no VAT
 * registration, VAT-exempt; with `UseFirstIfBlank` an empty one falls back to `SalesVat`); the
 * code's `Rate` (GLVatClient) is the rate.
 *
 * Why Faktura computes it: over the entity API an order carries no VAT amount (Uniconta decides it
 * when the order is posted), so the draft's amounts are checked as Uniconta's own data makes them:
 * the lines as Uniconta stored them (its answer), the codes and groups as Uniconta lists them.
 */

export interface UnicontaVatBook {
  /** VAT code → rate in percent. */
  readonly rates: ReadonlyMap<string, number>;
  /** Inventory group → its sales VAT codes by zone index (0 domestic … 4 VAT-exempt). */
  readonly groups: ReadonlyMap<
    string,
    { readonly salesVat: readonly (string | undefined)[]; readonly useFirstIfBlank: boolean }
  >;
  /** Item → inventory group. */
  readonly itemGroups: ReadonlyMap<string, string>;
  /** Debtor account → VAT zone index. */
  readonly debtorZones: ReadonlyMap<string, number>;
}

/** `VatZone` as Uniconta's enum names it (or its number), as the index of the group's SalesVat fields [inf]. */
const zoneNames = ['domestic', 'eumember', 'abroad', 'novatregistration', 'exemptvat'];

export const vatZoneIndex = (value: unknown): number => {
  if (typeof value === 'number' && Number.isInteger(value) && value >= 0 && value < zoneNames.length)
    return value;
  const index = typeof value === 'string' ? zoneNames.indexOf(value.toLowerCase()) : -1;
  return index === -1 ? 0 : index;
};

const text = (value: unknown): string | undefined => {
  const s = asString(value)?.trim();
  return s === '' ? undefined : s;
};

export const unicontaVatBook = (tables: {
  readonly vatCodes: readonly JsonRecord[];
  readonly groups: readonly JsonRecord[];
  readonly items: readonly JsonRecord[];
  readonly debtors: readonly JsonRecord[];
}): UnicontaVatBook => {
  const rates = new Map<string, number>();
  for (const code of tables.vatCodes) {
    const name = text(code.Vat);
    const rate = asNumber(code.Rate);
    if (name !== undefined && rate !== undefined) rates.set(name, rate);
  }
  const groups = new Map<string, { salesVat: (string | undefined)[]; useFirstIfBlank: boolean }>();
  for (const group of tables.groups) {
    const name = text(group.Group);
    if (name === undefined) continue;
    groups.set(name, {
      salesVat: ['SalesVat', 'SalesVat1', 'SalesVat2', 'SalesVat3', 'SalesVat4'].map((field) =>
        text(group[field]),
      ),
      useFirstIfBlank: group.UseFirstIfBlank === true,
    });
  }
  const itemGroups = new Map<string, string>();
  for (const item of tables.items) {
    const name = text(item.Item);
    const group = text(item.Group);
    if (name !== undefined && group !== undefined) itemGroups.set(name, group);
  }
  const debtorZones = new Map<string, number>();
  for (const debtor of tables.debtors) {
    const account = text(debtor.Account);
    if (account !== undefined) debtorZones.set(account, vatZoneIndex(debtor.VatZone));
  }
  return { rates, groups, itemGroups, debtorZones };
};

/** The VAT code a line ends up with, or undefined when Uniconta's tables give none. */
export const lineVatCode = (book: UnicontaVatBook, account: string, line: JsonRecord): string | undefined => {
  const own = text(line.Vat);
  if (own !== undefined) return own;
  const item = text(line.Item);
  const group = item === undefined ? undefined : book.groups.get(book.itemGroups.get(item) ?? '');
  if (!group) return undefined;
  const zone = book.debtorZones.get(account) ?? 0;
  return group.salesVat[zone] ?? (group.useFirstIfBlank ? group.salesVat[0] : undefined);
};

/** What a line adds to the order: Qty × Price, rounded to øre half away from zero (as Uniconta's order total). */
const lineNet = (line: JsonRecord): Big =>
  new Big(String(asNumber(line.Qty) ?? 0))
    .times(new Big(String(asNumber(line.Price) ?? 0)))
    .round(2, Big.roundHalfUp);

/**
 * The order's net, VAT and gross from its stored lines. VAT is rounded once per rate, on the sum
 * of the lines at that rate, as an invoice's VAT specification shows it. A line whose code has no
 * rate (missing, or unknown to the company) counts as no VAT: the difference then shows.
 */
export const unicontaOrderTotals = (
  book: UnicontaVatBook,
  account: string,
  lines: readonly JsonRecord[],
): DraftTotals => {
  const netByRate = new Map<number, Big>();
  let net = new Big(0);
  for (const line of lines) {
    const amount = lineNet(line);
    net = net.plus(amount);
    const code = lineVatCode(book, account, line);
    const rate = code === undefined ? 0 : (book.rates.get(code) ?? 0);
    netByRate.set(rate, (netByRate.get(rate) ?? new Big(0)).plus(amount));
  }
  let vat = new Big(0);
  for (const [rate, amount] of netByRate)
    vat = vat.plus(amount.times(rate).div(100).round(2, Big.roundHalfUp));
  return {
    net: Number(net.toFixed(2)),
    vat: Number(vat.toFixed(2)),
    gross: Number(net.plus(vat).toFixed(2)),
  };
};
