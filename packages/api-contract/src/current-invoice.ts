import * as z from 'zod';
import { recurrences } from '#domain/current-item';
import { moneyLimits } from '#domain/invoice/limits';
import { hasAtMostDecimals, objectId } from './common.ts';
import { unitAmount } from './product.ts';

const isoDate = (description: string) => z.iso.date({ error: description });

/** Units may be fractional (minutes, MB) and negative (a credit), never zero nor beyond the money limits. */
export const units = (description: string) =>
  z
    .number({ error: description })
    .finite({ error: description })
    .refine(
      (value) =>
        value !== 0 &&
        Math.abs(value) <= moneyLimits.units &&
        hasAtMostDecimals(value, moneyLimits.unitsDecimals),
      {
        message: description,
      },
    );

export const createCurrentItemBody = z
  .strictObject({
    customer: objectId('Customer is invalid'),
    product: objectId('Product is invalid'),
    units: units('Units is invalid'),
    unitCost: unitAmount('Unit cost is invalid').optional(),
    unitWholesale: unitAmount('Unit wholesale is invalid').optional(),
    unitPrice: unitAmount('Unit price is invalid').optional(),
    description: z
      .string({ error: 'Description is invalid' })
      .trim()
      .max(1000, { error: 'Description is invalid' })
      .optional(),
    from: isoDate('From date is invalid').optional(),
    to: isoDate('To date is invalid').optional(),
    recurrence: z
      .enum(recurrences, { error: `Recurrence must be one of ${recurrences.join(', ')}` })
      .default('NONE'),
    locked: z.boolean({ error: 'Locked must be true or false' }).default(false),
    fullMonth: z.boolean({ error: 'Full month must be true or false' }).default(false),
  })
  .refine((item) => !item.from || !item.to || item.from <= item.to, {
    message: 'To date is before the from date',
    path: ['to'],
  });
