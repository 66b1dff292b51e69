import * as z from 'zod';

/** Query booleans as people type them in a URL: true/false, 1/0, or the bare flag. */
const flag = (name: string) =>
  z
    .enum(['true', 'false', '1', '0', ''], { error: `${name} must be true or false` })
    .optional()
    .transform((value) => value === 'true' || value === '1' || value === '');

/** The options of seed 003's GET /invoice/{id}. */
export const invoiceViewQuery = z.object({
  format: z.enum(['json', 'csv'], { error: 'Format must be "json" or "csv"' }).default('json'),
  lang: z.enum(['da', 'en'], { error: 'Language must be "da" or "en"' }).default('da'),
  groupInvoiceLines: flag('groupInvoiceLines'),
  showIncludedProducts: flag('showIncludedProducts'),
  onlyUsage: flag('onlyUsage'),
  externalLicenses: flag('externalLicenses'),
});
