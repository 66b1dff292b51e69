import type { Language } from '../reseller.ts';

const amountFormats: Record<Language, Intl.NumberFormat> = {
  da: new Intl.NumberFormat('da-DK', { minimumFractionDigits: 2, maximumFractionDigits: 2 }),
  en: new Intl.NumberFormat('en-GB', { minimumFractionDigits: 2, maximumFractionDigits: 2 }),
};

/** An amount in kroner as a reader of that language writes it: `1.234,56 kr.`, `DKK 1,234.56`. */
export const formatKroner = (amount: number, language: Language): string =>
  language === 'da' ? `${amountFormats.da.format(amount)} kr.` : `DKK ${amountFormats.en.format(amount)}`;
