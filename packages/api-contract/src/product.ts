import * as z from 'zod/mini';
import { productKinds, unitTypes } from '#domain/product';
import { text, unitAmount } from './common.ts';

const fields = {
  productCode: z.string({ error: 'Product code is invalid' }).check(
    z.trim(),
    z.regex(/^[A-Za-z0-9._\-/]{1,25}$/, {
      error: 'Product code is invalid: 1-25 letters, digits or . _ - /',
    }),
  ),
  name: text('Name is invalid', 300),
  description: z.optional(text('Description is invalid', 1000)),
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
  vatExempt: z._default(fields.vatExempt, false),
  included: z._default(fields.included, false),
  externalLicense: z._default(fields.externalLicense, false),
  barred: z._default(fields.barred, false),
});

export const patchProductBody = z
  .strictObject(
    Object.fromEntries(Object.entries(fields).map(([name, schema]) => [name, z.optional(schema)])) as {
      [K in keyof typeof fields]: z.ZodMiniOptional<(typeof fields)[K]>;
    },
  )
  .check(z.refine((body) => Object.keys(body).length > 0, { message: 'Nothing to change', path: ['body'] }));
