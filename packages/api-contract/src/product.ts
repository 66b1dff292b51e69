import * as z from 'zod';
import { moneyLimits } from '#domain/invoice/limits';
import { productKinds, unitTypes } from '#domain/product';
import { hasAtMostDecimals, text } from './common.ts';

/**
 * A unit price: finite, not negative, at most 4 decimals (per-minute and per-MB rates need more
 * than øre precision; line amounts are rounded to øre later), at most `moneyLimits.unitAmount`
 * (1,000,000,000 kr): the money limits keep every amount exact (packages/domain/src/invoice/README.md).
 */
export const unitAmount = (description: string) =>
  z
    .number({ error: description })
    .finite({ error: description })
    .min(0, { error: description })
    .max(moneyLimits.unitAmount, { error: description })
    .refine((value) => hasAtMostDecimals(value, moneyLimits.unitAmountDecimals), { message: description });

const fields = {
  productCode: z
    .string({ error: 'Product code is invalid' })
    .trim()
    .regex(/^[A-Za-z0-9._\-/]{1,25}$/, { error: 'Product code is invalid: 1-25 letters, digits or . _ - /' }),
  name: text('Name is invalid', 300),
  description: text('Description is invalid', 1000).optional(),
  unitType: z.enum(unitTypes, { error: `Unit type must be one of ${unitTypes.join(', ')}` }),
  unitCost: unitAmount('Unit cost is invalid'),
  unitWholesale: unitAmount('Unit wholesale is invalid'),
  unitPrice: unitAmount('Unit price is invalid'),
  vatExempt: z.boolean({ error: 'VAT exempt must be true or false' }),
  kind: z.enum(productKinds, { error: `Kind must be one of ${productKinds.join(', ')}` }),
  included: z.boolean({ error: 'Included must be true or false' }),
  externalLicense: z.boolean({ error: 'External license must be true or false' }),
  barred: z.boolean({ error: 'Barred must be true or false' }),
};

export const createProductBody = z.strictObject({
  ...fields,
  vatExempt: fields.vatExempt.default(false),
  included: fields.included.default(false),
  externalLicense: fields.externalLicense.default(false),
  barred: fields.barred.default(false),
});

export const patchProductBody = z
  .strictObject(
    Object.fromEntries(Object.entries(fields).map(([name, schema]) => [name, schema.optional()])) as {
      [K in keyof typeof fields]: z.ZodOptional<(typeof fields)[K]>;
    },
  )
  .refine((body) => Object.keys(body).length > 0, { message: 'Nothing to change', path: ['body'] });
