import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { paymentTermsTypes } from '#domain/payment-terms';
import { customerOf, paymentTermsOf } from '../../../src/economic/master-data.ts';

const schema = (name: string) =>
  JSON.parse(
    readFileSync(
      fileURLToPath(
        new URL(`../../../../../docs/contracts/economic-schemas/${name}.schema.json`, import.meta.url),
      ),
      'utf8',
    ),
  );

const book = { layouts: new Map(), groupLayouts: new Map() };

describe('e-conomic payment terms in the master data', () => {
  it('the domain knows every type e-conomic’s schemas name: the payment terms’ own, and the draft’s avtaleGiro', () => {
    // Prepare
    const own: string[] = schema('payment-terms.paymentTermsNumber.get').properties.paymentTermsType.enum;
    const listed: string[] =
      schema('payment-terms.get').properties.collection.items.properties.paymentTermsType.enum;
    const onDraft: string[] =
      schema('orders.drafts.post').properties.paymentTerms.properties.paymentTermsType.enum;

    // Assess
    expect([...paymentTermsTypes].sort()).toEqual([...new Set([...own, ...listed, ...onDraft])].sort());
  });

  it('reads the collection into terms by number, leaving out an entry without a number or of a type no schema names', () => {
    // Act
    const terms = paymentTermsOf([
      { paymentTermsNumber: 1, name: 'Netto 8 dage', paymentTermsType: 'net', daysOfCredit: 8 },
      { paymentTermsNumber: 4, name: 'Forfaldsdato', paymentTermsType: 'dueDate' },
      { paymentTermsNumber: 5, name: 'Ny', paymentTermsType: 'somethingNew' },
      { name: 'Uden nummer', paymentTermsType: 'net' },
    ]);

    // Assess
    expect([...terms.values()]).toEqual([
      { number: 1, name: 'Netto 8 dage', type: 'net' },
      { number: 4, name: 'Forfaldsdato', type: 'dueDate' },
    ]);
  });

  it('gives a customer its terms when they are listed, and only their number otherwise', () => {
    // Prepare
    const terms = paymentTermsOf([
      { paymentTermsNumber: 4, name: 'Forfaldsdato', paymentTermsType: 'dueDate' },
    ]);
    const record = (paymentTermsNumber: number) => ({
      customerNumber: 1001,
      name: 'Hansen ApS',
      paymentTerms: { paymentTermsNumber },
    });

    // Act, Assess
    expect(customerOf(book, record(4), terms)).toMatchObject({
      paymentTermsNumber: 4,
      paymentTerms: { number: 4, name: 'Forfaldsdato', type: 'dueDate' },
    });
    expect(customerOf(book, record(9), terms)).not.toHaveProperty('paymentTerms');
    expect(customerOf(book, record(4))).toMatchObject({ paymentTermsNumber: 4 });
    expect(customerOf(book, record(4))).not.toHaveProperty('paymentTerms');
  });
});
