import { describe, expect, it } from 'vitest';
import { buildDraft, type DraftContext } from '../../src/economic/draft-orders.ts';
import { type AgreementData, freshAgreementData } from '../../src/economic/model.ts';
import { applyEconomicPreload } from '../../src/economic/preload.ts';

const baseUrl = 'http://sim';

const agreement = (): AgreementData =>
  applyEconomicPreload(
    freshAgreementData(),
    {
      customers: [
        { customerNumber: 1001, name: 'Kunde A/S' },
        { customerNumber: 1002, name: 'Spærret ApS', barred: true },
      ],
      products: [
        { productNumber: 'MOB-ABON', name: 'Mobilabonnement', salesPrice: 99, costPrice: 40, unit: 1 },
        { productNumber: 'OLD', name: 'Udgået', barred: true },
      ],
      layouts: [{ layoutNumber: 20, name: 'Gammel', deleted: true }],
    },
    { baseUrl, baseCurrency: 'DKK', now: '2026-06-01T08:00:00Z' },
  );

const context = (data = agreement()): DraftContext => ({
  data,
  baseCurrency: 'DKK',
  now: '2026-06-01T08:00:00Z',
  baseUrl,
});

const minimal = (): Record<string, unknown> => ({
  date: '2026-05-27',
  currency: 'DKK',
  customer: { customerNumber: 1001 },
  paymentTerms: { paymentTermsNumber: 1 },
  layout: { layoutNumber: 19 },
  recipient: { name: 'Kunde A/S', vatZone: { vatZoneNumber: 1 } },
});

const line = (extra: Record<string, unknown> = {}) => ({
  product: { productNumber: 'MOB-ABON' },
  description: 'Mobil 01.05–31.05',
  quantity: 1,
  unitNetPrice: 99,
  ...extra,
});

/** The annotated errors of a body that must be refused. */
const errorsOf = (body: Record<string, unknown>): unknown => {
  const built = buildDraft(body, context(), 1);
  if (built.ok) throw new Error('the draft was accepted');
  return built.errors.toJSON();
};

describe('buildDraft: amounts', () => {
  it('computes the seed example to the øre: 920.76 + 25 % VAT rounded once = 230.19, total 1150.95', () => {
    // Prepare
    const body = {
      ...minimal(),
      lines: [
        line({ quantity: 1, unitNetPrice: 306.92 }),
        line({ quantity: 1, unitNetPrice: 306.92 }),
        line({ quantity: 1, unitNetPrice: 306.92 }),
      ],
    };

    // Act
    const built = buildDraft(body, context(), 7);

    // Assess
    expect(built.ok).toBe(true);
    if (!built.ok) return;
    expect(built.document).toMatchObject({
      orderNumber: 7,
      netAmount: 920.76,
      vatAmount: 230.19,
      grossAmount: 1150.95,
      netAmountInBaseCurrency: 920.76,
      exchangeRate: 100,
      dueDate: '2026-06-04',
    });
    expect(built.document.lines.map((l) => [l.lineNumber, l.sortKey, l.totalNetAmount])).toEqual([
      [1, 1, 306.92],
      [2, 2, 306.92],
      [3, 3, 306.92],
    ]);
  });

  it('rounds each line half-up after the discount, and takes the price and unit from the product when absent', () => {
    // Prepare
    const body = {
      ...minimal(),
      lines: [
        line({ quantity: 2.5, unitNetPrice: 49.95, discountPercentage: 10 }),
        line({ unitNetPrice: undefined }),
      ],
    };

    // Act
    const built = buildDraft(JSON.parse(JSON.stringify(body)), context(), 1);

    // Assess
    if (!built.ok) throw new Error(JSON.stringify(built.errors.toJSON()));
    expect(built.document.lines[0]).toMatchObject({
      totalNetAmount: 112.39,
      unit: { unitNumber: 1, name: 'stk.' },
    });
    expect(built.document.lines[1]).toMatchObject({
      unitNetPrice: 99,
      totalNetAmount: 99,
      unitCostPrice: 40,
    });
    expect(built.document).toMatchObject({ netAmount: 211.39, vatAmount: 52.85, grossAmount: 264.24 });
  });

  it('applies no VAT in a VAT zone whose rate is 0', () => {
    // Act
    const built = buildDraft(
      { ...minimal(), recipient: { name: 'EU', vatZone: { vatZoneNumber: 2 } }, lines: [line()] },
      context(),
      1,
    );

    // Assess
    expect(built.ok && built.document).toMatchObject({ netAmount: 99, vatAmount: 0, grossAmount: 99 });
  });

  it('numbers lines around the line numbers sent', () => {
    // Act
    const built = buildDraft(
      { ...minimal(), lines: [line(), line({ lineNumber: 1 }), line()] },
      context(),
      1,
    );

    // Assess
    expect(built.ok && built.document.lines.map((l) => l.lineNumber)).toEqual([1, 2, 3]);
  });

  it('accepts references by self link, and a product number through the custom URL encoding', () => {
    // Prepare
    const data = applyEconomicPreload(
      agreement(),
      { products: [{ productNumber: 'A/B 1', name: 'Special' }] },
      { baseUrl, baseCurrency: 'DKK', now: '2026-06-01T08:00:00Z' },
    );

    // Act
    const built = buildDraft(
      {
        ...minimal(),
        customer: { self: 'https://restapi.e-conomic.com/customers/1001' },
        lines: [line({ product: { self: 'https://restapi.e-conomic.com/products/A_6_B_9_1' } })],
      },
      context(data),
      1,
    );

    // Assess
    expect(built.ok && built.document.lines[0]?.product).toEqual({ productNumber: 'A/B 1' });
    expect(built.ok && built.document.customer).toEqual({ customerNumber: 1001 });
  });
});

describe('buildDraft: what e-conomic refuses', () => {
  it('names every missing required property where it belongs', () => {
    expect(errorsOf({ recipient: {} })).toEqual({
      date: {
        errors: [
          {
            message: 'Required properties are missing from object: date.',
            developerHint: 'Please check your request data.',
          },
        ],
      },
      currency: {
        errors: [
          expect.objectContaining({ message: 'Required properties are missing from object: currency.' }),
        ],
      },
      customer: {
        errors: [
          expect.objectContaining({ message: 'Required properties are missing from object: customer.' }),
        ],
      },
      layout: {
        errors: [
          expect.objectContaining({ message: 'Required properties are missing from object: layout.' }),
        ],
      },
      paymentTerms: {
        errors: [
          expect.objectContaining({ message: 'Required properties are missing from object: paymentTerms.' }),
        ],
      },
      recipient: {
        name: {
          errors: [
            expect.objectContaining({ message: 'Required properties are missing from object: name.' }),
          ],
        },
        vatZone: {
          errors: [
            expect.objectContaining({ message: 'Required properties are missing from object: vatZone.' }),
          ],
        },
      },
    });
  });

  it('refuses an explicit null anywhere, naming the type expected', () => {
    expect(
      errorsOf({ ...minimal(), notes: { heading: null }, lines: [line({ quantity: null })], custom: null }),
    ).toEqual({
      notes: {
        heading: {
          errors: [
            {
              message: 'Invalid type. Expected String but got Null.',
              value: null,
              developerHint: 'To null a property, leave it out of the request.',
            },
          ],
        },
      },
      lines: [
        {
          arrayIndex: 0,
          quantity: {
            errors: [expect.objectContaining({ message: 'Invalid type. Expected Number but got Null.' })],
          },
        },
      ],
      custom: {
        errors: [expect.objectContaining({ message: 'Invalid type. Expected Value but got Null.' })],
      },
    });
  });

  it('refuses more than 2 decimals with E04740, on every amount of a line', () => {
    expect(
      errorsOf({
        ...minimal(),
        lines: [
          line({
            quantity: 1.005,
            unitNetPrice: 10.12345,
            discountPercentage: 12.555,
            unitCostPrice: 0.1 + 0.2,
          }),
        ],
      }),
    ).toEqual({
      lines: [
        {
          arrayIndex: 0,
          quantity: {
            errors: [
              {
                errorCode: 'E04740',
                message: 'quantity scale cannot be greater then two decimal places.',
                value: 1.005,
                developerHint: 'Please check the format of your data.',
              },
            ],
          },
          unitNetPrice: { errors: [expect.objectContaining({ errorCode: 'E04740', value: 10.12345 })] },
          discountPercentage: { errors: [expect.objectContaining({ errorCode: 'E04740', value: 12.555 })] },
          unitCostPrice: {
            errors: [expect.objectContaining({ errorCode: 'E04740', value: 0.30000000000000004 })],
          },
        },
      ],
    });
  });

  it('checks types, lengths, patterns, formats and minimums of the schema field by field', () => {
    expect(
      errorsOf({
        ...minimal(),
        date: '2026-02-30',
        currency: 'DK',
        customer: { customerNumber: '1001' },
        recipient: { name: 'x'.repeat(251), ean: '12345678901234', vatZone: { vatZoneNumber: 1 } },
        references: { other: 'r'.repeat(251) },
        notes: { heading: 'h'.repeat(251) },
        lines: [
          line({
            lineNumber: 0,
            sortKey: 0,
            description: 'd'.repeat(2501),
            product: { productNumber: 'p'.repeat(26) },
          }),
        ],
      }),
    ).toEqual({
      date: {
        errors: [
          expect.objectContaining({
            message: "String '2026-02-30' does not validate against format 'full-date'.",
          }),
        ],
      },
      currency: {
        errors: [
          expect.objectContaining({ message: "String 'DK' does not match regex pattern '[a-zA-Z]{3}'." }),
        ],
      },
      customer: {
        customerNumber: {
          errors: [
            expect.objectContaining({
              message: 'Invalid type. Expected Integer but got String.',
              value: '1001',
            }),
          ],
        },
      },
      recipient: {
        name: {
          errors: [
            expect.objectContaining({
              message: `String '${'x'.repeat(251)}' exceeds maximum length of 250.`,
            }),
          ],
        },
        ean: {
          errors: [
            expect.objectContaining({ message: "String '12345678901234' exceeds maximum length of 13." }),
          ],
        },
      },
      references: {
        other: {
          errors: [
            expect.objectContaining({ message: expect.stringMatching(/exceeds maximum length of 250\.$/) }),
          ],
        },
      },
      notes: {
        heading: {
          errors: [
            expect.objectContaining({ message: expect.stringMatching(/exceeds maximum length of 250\.$/) }),
          ],
        },
      },
      lines: [
        {
          arrayIndex: 0,
          lineNumber: {
            errors: [expect.objectContaining({ message: 'Integer 0 is less than minimum value of 1.' })],
          },
          sortKey: {
            errors: [expect.objectContaining({ message: 'Integer 0 is less than minimum value of 1.' })],
          },
          description: {
            errors: [
              expect.objectContaining({
                message: expect.stringMatching(/exceeds maximum length of 2500\.$/),
              }),
            ],
          },
          product: {
            productNumber: {
              errors: [
                expect.objectContaining({
                  message: expect.stringMatching(/exceeds maximum length of 25\.$/),
                }),
              ],
            },
          },
        },
      ],
    });
  });

  it('applies the line rules: E04500, E04730, description with a product, nothing priced without a product', () => {
    expect(
      errorsOf({
        ...minimal(),
        lines: [
          { product: {}, description: 'x', quantity: 1 },
          { product: { productNumber: 'MOB-ABON' }, description: 'x' },
          { product: { productNumber: 'MOB-ABON' }, quantity: 1 },
          { description: 'only text', unitNetPrice: 5 },
          { description: 'only text' },
          line({ quantity: 0 }),
          line({ lineNumber: 3 }),
          line({ lineNumber: 3 }),
        ],
      }),
    ).toEqual({
      lines: [
        {
          arrayIndex: 0,
          product: {
            errors: [
              {
                errorCode: 'E04500',
                message:
                  'No identifiers present on product. Please include either a self link or a productNumber.',
                developerHint: 'Find a list of resources at http://sim/products.',
              },
            ],
          },
        },
        {
          arrayIndex: 1,
          quantity: {
            errors: [
              {
                errorCode: 'E04730',
                message: 'Property quantity must have a value when product is set.',
                developerHint: 'Please check your request data.',
              },
            ],
          },
        },
        {
          arrayIndex: 2,
          description: {
            errors: [
              expect.objectContaining({
                message: 'Property description must have a value when product is set.',
              }),
            ],
          },
        },
        {
          arrayIndex: 3,
          product: {
            errors: [
              expect.objectContaining({
                message: 'Property product must have a value when quantity or unitNetPrice is set.',
              }),
            ],
          },
        },
        {
          arrayIndex: 5,
          quantity: {
            errors: [expect.objectContaining({ message: 'Integer 0 is less than minimum value of 0.01.' })],
          },
        },
        {
          arrayIndex: 7,
          lineNumber: {
            errors: [
              expect.objectContaining({ message: 'Line number 3 is already used by the line at index 6.' }),
            ],
          },
        },
      ],
    });
  });

  it('refuses references to what does not exist with E06000, and barred or deleted ones', () => {
    expect(
      errorsOf({
        ...minimal(),
        currency: 'ZUL',
        customer: { customerNumber: 987987987 },
        layout: { layoutNumber: 99 },
        paymentTerms: { paymentTermsNumber: 99 },
        recipient: { name: 'A', vatZone: { vatZoneNumber: 99 } },
        lines: [
          line({ product: { productNumber: 'NOPE' } }),
          line({ product: { productNumber: 'OLD' } }),
          line({ unit: { unitNumber: 10 } }),
        ],
      }),
    ).toEqual({
      currency: {
        errors: [
          {
            errorCode: 'E06000',
            message: 'currency does not exist.',
            value: 'ZUL',
            developerHint: 'Find a list of currencies at http://sim/currencies.',
          },
        ],
      },
      customer: {
        errors: [
          {
            errorCode: 'E06000',
            message: 'customer does not exist.',
            value: 987987987,
            developerHint: 'Find a list of resources at http://sim/customers.',
          },
        ],
      },
      layout: {
        errors: [
          expect.objectContaining({ errorCode: 'E06000', message: 'layout does not exist.', value: 99 }),
        ],
      },
      paymentTerms: {
        errors: [expect.objectContaining({ errorCode: 'E06000', message: 'paymentTerms does not exist.' })],
      },
      recipient: {
        vatZone: {
          errors: [expect.objectContaining({ errorCode: 'E06000', message: 'vatZone does not exist.' })],
        },
      },
      lines: [
        {
          arrayIndex: 0,
          product: { errors: [expect.objectContaining({ errorCode: 'E06000', value: 'NOPE' })] },
        },
        {
          arrayIndex: 1,
          product: {
            errors: [
              expect.objectContaining({ message: 'Product OLD is barred and can no longer be sold.' }),
            ],
          },
        },
        {
          arrayIndex: 2,
          unit: {
            errors: [
              expect.objectContaining({ errorCode: 'E06000', message: 'unit does not exist.', value: 10 }),
            ],
          },
        },
      ],
    });
    expect(
      errorsOf({ ...minimal(), customer: { customerNumber: 1002 }, layout: { layoutNumber: 20 } }),
    ).toEqual({
      customer: { errors: [expect.objectContaining({ message: 'Customer 1002 is barred.' })] },
      layout: { errors: [expect.objectContaining({ message: 'Layout 20 is deleted.' })] },
    });
  });

  it('requires dueDate under dueDate payment terms (E04042), not before date (E04760), and a matching paymentTermsType (E07180)', () => {
    expect(errorsOf({ ...minimal(), paymentTerms: { paymentTermsNumber: 4 } })).toEqual({
      dueDate: { errors: [expect.objectContaining({ errorCode: 'E04042' })] },
    });
    expect(
      errorsOf({ ...minimal(), paymentTerms: { paymentTermsNumber: 4 }, dueDate: '2026-05-01' }),
    ).toEqual({
      dueDate: { errors: [expect.objectContaining({ errorCode: 'E04760', value: '2026-05-01' })] },
    });
    expect(
      errorsOf({ ...minimal(), paymentTerms: { paymentTermsNumber: 1, paymentTermsType: 'dueDate' } }),
    ).toEqual({
      paymentTerms: {
        paymentTermsType: { errors: [expect.objectContaining({ errorCode: 'E07180', value: 'dueDate' })] },
      },
    });
    const built = buildDraft(
      { ...minimal(), paymentTerms: { paymentTermsNumber: 4 }, dueDate: '2026-07-01' },
      context(),
      1,
    );
    expect(built.ok && built.document.dueDate).toBe('2026-07-01');
  });

  it('ignores unknown properties and read-only amounts it is sent', () => {
    const built = buildDraft(
      { ...minimal(), netAmount: 5, somethingElse: 'x', lines: [line()] },
      context(),
      1,
    );
    expect(built.ok && built.document.netAmount).toBe(99);
    expect(built.ok && 'somethingElse' in built.document).toBe(false);
  });
});
