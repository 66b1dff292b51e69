import * as z from 'zod/mini';
import { recurrences } from '#domain/current-item';
import { moneyLimits } from '#domain/invoice/limits';
import { hasAtMostDecimals, objectId, unitAmount } from './common.ts';

const isoDate = (description: string) => z.iso.date({ error: description });

/** Units may be fractional (minutes, MB) and negative (a credit), never zero nor beyond the money limits. */
export const units = (description: string) =>
  z.number({ error: description }).check(
    z.refine(
      (value) =>
        value !== 0 &&
        Math.abs(value) <= moneyLimits.units &&
        hasAtMostDecimals(value, moneyLimits.unitsDecimals),
      {
        message: description,
      },
    ),
  );

export const createCurrentItemBody = z
  .strictObject({
    customer: objectId('Customer is invalid'),
    product: objectId('Product is invalid'),
    units: units('Units is invalid'),
    unitCost: z.optional(unitAmount('Unit cost is invalid')),
    unitWholesale: z.optional(unitAmount('Unit wholesale is invalid')),
    unitPrice: z.optional(unitAmount('Unit price is invalid')),
    description: z.optional(
      z
        .string({ error: 'Description is invalid' })
        .check(z.trim(), z.maxLength(1000, { error: 'Description is invalid' })),
    ),
    from: z.optional(isoDate('From date is invalid')),
    to: z.optional(isoDate('To date is invalid')),
    recurrence: z._default(
      z.enum(recurrences, { error: `Recurrence must be one of ${recurrences.join(', ')}` }),
      'NONE',
    ),
    locked: z._default(z.boolean({ error: 'Locked must be true or false' }), false),
    fullMonth: z._default(z.boolean({ error: 'Full month must be true or false' }), false),
  })
  .check(
    z.refine((item) => !item.from || !item.to || item.from <= item.to, {
      message: 'To date is before the from date',
      path: ['to'],
    }),
  );
