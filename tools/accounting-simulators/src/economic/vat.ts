import type Big from 'big.js';
import { round2, toBig } from './amounts.ts';
import type { AgreementData } from './model.ts';

/**
 * How e-conomic decides a draft line's VAT (docs/contracts/booking-and-vat.md, e-conomic Q1): a line has no
 * VAT field; its product's group has a sales account per VAT zone, the account names a VAT code
 * (or none: no VAT), and the code's VAT account gives the rate. The recipient's VAT zone is the
 * draft's. A line without a product, or whose group has no sales account for the zone, takes the
 * zone's own rate: a simulator choice (the facts do not say), documented in the README.
 */
export const lineVatRate = (
  data: AgreementData,
  productNumber: string | undefined,
  vatZoneNumber: number,
): number => {
  const zoneRate = data.vatZones.get(vatZoneNumber)?.vatRate ?? 0;
  const product = productNumber === undefined ? undefined : data.products.get(productNumber);
  const group = product ? data.productGroups.get(product.productGroup.productGroupNumber) : undefined;
  const accountNumber = group?.salesAccounts?.[vatZoneNumber];
  if (accountNumber === undefined) return zoneRate;
  const code = data.accounts.get(accountNumber)?.vatCode;
  return code === undefined ? 0 : (data.vatAccounts.get(code)?.ratePercentage ?? 0);
};

/** A document's VAT: the lines' net summed per rate, each sum's VAT rounded once, as a VAT specification shows it. */
export const documentVat = (lines: readonly { readonly net: Big; readonly rate: number }[]): Big => {
  const byRate = new Map<number, Big>();
  for (const { net, rate } of lines) byRate.set(rate, (byRate.get(rate) ?? toBig(0)).plus(net));
  let vat = toBig(0);
  for (const [rate, net] of byRate) vat = vat.plus(round2(net.times(rate).div(100)));
  return vat;
};
