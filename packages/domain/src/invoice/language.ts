import type { UnitType } from '../product.ts';
import type { Language } from '../reseller.ts';
import { plainDecimal } from './money.ts';

/**
 * The words and conventions of the invoice documents in each language (`lang`, default `da`).
 *
 * Danish follows what Danish accounting software (e-conomic, Uniconta) and Danish Excel expect:
 * decimal comma, `;` as the list separator (the comma is taken), dates dd-mm-yyyy as the seeds
 * write them. No thousands separator in either language: "1.234,56" is a number to a person but a
 * trap for every importer, and Excel reads "1234,56" fine.
 * English: decimal point, `,` separator, ISO dates (YYYY-MM-DD), which sort and import everywhere.
 */
export const DEFAULT_LANGUAGE: Language = 'da';

export type CsvColumn =
  | 'productCode'
  | 'name'
  | 'description'
  | 'units'
  | 'type'
  | 'unitCost'
  | 'amountCost'
  | 'unitWholesale'
  | 'amountWholesale'
  | 'unitPrice'
  | 'amount'
  | 'vatExempt'
  | 'from'
  | 'to';

export type TotalsLabel = 'subTotal' | 'vat' | 'total';

export interface DocumentLanguage {
  readonly columns: Readonly<Record<CsvColumn, string>>;
  readonly unitTypes: Readonly<Record<UnitType, string>>;
  readonly totals: Readonly<Record<TotalsLabel, string>>;
  readonly yes: string;
  readonly no: string;
  readonly csvDelimiter: string;
  readonly decimalSeparator: string;
  /** From an ISO date (YYYY-MM-DD). */
  readonly formatDate: (isoDate: string) => string;
}

const isoDatePattern = /^(\d{4})-(\d{2})-(\d{2})$/;

const danishDate = (isoDate: string): string => {
  const match = isoDatePattern.exec(isoDate);
  // Stored dates are validated on the way in; should one not be, show it as it is, not crash.
  return match ? `${match[3]}-${match[2]}-${match[1]}` : isoDate;
};

const languages: Record<Language, DocumentLanguage> = {
  da: {
    // Kostpris: the platform's cost; Forhandlerpris: the reseller's (wholesale) price; Enhedspris
    // and Beløb: what the customer sees on any Danish invoice. Momsfri is the usual word for
    // VAT-exempt (momsfritaget is the legal one; Momsfri fits a column).
    columns: {
      productCode: 'Varenummer',
      name: 'Navn',
      description: 'Beskrivelse',
      units: 'Antal',
      type: 'Enhed',
      unitCost: 'Kostpris',
      amountCost: 'Kostbeløb',
      unitWholesale: 'Forhandlerpris',
      amountWholesale: 'Forhandlerbeløb',
      unitPrice: 'Enhedspris',
      amount: 'Beløb',
      vatExempt: 'Momsfri',
      from: 'Fra',
      to: 'Til',
    },
    unitTypes: { MIN: 'min.', MB: 'MB', UNITS: 'stk.', HOURS: 'timer', KM: 'km', MONTHS: 'mdr.' },
    totals: { subTotal: 'Subtotal', vat: 'Moms', total: 'Total' },
    yes: 'Ja',
    no: 'Nej',
    csvDelimiter: ';',
    decimalSeparator: ',',
    formatDate: danishDate,
  },
  en: {
    columns: {
      productCode: 'Product code',
      name: 'Name',
      description: 'Description',
      units: 'Units',
      type: 'Unit',
      unitCost: 'Unit cost',
      amountCost: 'Cost amount',
      unitWholesale: 'Unit wholesale',
      amountWholesale: 'Wholesale amount',
      unitPrice: 'Unit price',
      amount: 'Amount',
      vatExempt: 'VAT exempt',
      from: 'From',
      to: 'To',
    },
    unitTypes: { MIN: 'min', MB: 'MB', UNITS: 'units', HOURS: 'hours', KM: 'km', MONTHS: 'months' },
    totals: { subTotal: 'Subtotal', vat: 'VAT', total: 'Total' },
    yes: 'Yes',
    no: 'No',
    csvDelimiter: ',',
    decimalSeparator: '.',
    formatDate: (isoDate) => isoDate,
  },
};

export const documentLanguage = (language: Language = DEFAULT_LANGUAGE): DocumentLanguage =>
  languages[language];

/**
 * A number in the language's notation, with at least `minDecimals` decimals and every decimal it
 * has (a unit price of 0.1234 stays 0,1234), never in exponent form.
 */
export const formatNumber = (n: number, language: DocumentLanguage, minDecimals = 0): string =>
  plainDecimal(n, minDecimals).replace('.', language.decimalSeparator);
