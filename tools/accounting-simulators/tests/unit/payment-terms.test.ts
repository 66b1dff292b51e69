import { describe, expect, it } from 'vitest';
import { buildDraft, type DraftContext } from '../../src/economic/draft-orders.ts';
import { type AgreementData, freshAgreementData, paymentTermsTypes } from '../../src/economic/model.ts';
import { applyEconomicPreload } from '../../src/economic/preload.ts';
import { Renderer } from '../../src/economic/render.ts';
import { readEconomicSchema, validateResponse } from '../../src/economic/schemas.ts';

/**
 * Payment terms in the simulated agreement: every type e-conomic's payment-terms schema names can
 * be preloaded and carried by a customer; under `dueDate` terms a draft needs a due date
 * (`E04042`) not before its date (`E04760`), refused in the legacy validation body like every
 * other field; every other type derives the due date itself (docs/contracts/economic.md §3, §7).
 */
const baseUrl = 'http://sim';
const now = '2026-06-01T08:00:00Z';

/** Terms 10, 11, …: one of each type, each with a customer 2000, 2001, … on it. */
const everyType = () =>
  applyEconomicPreload(
    freshAgreementData(),
    {
      paymentTerms: paymentTermsTypes.map((type, index) => ({
        paymentTermsNumber: 10 + index,
        name: `Betingelse ${type}`,
        paymentTermsType: type,
        ...(type === 'dueDate' ? {} : { daysOfCredit: 14 }),
      })),
      customers: paymentTermsTypes.map((_, index) => ({
        customerNumber: 2000 + index,
        name: `Kunde ${index}`,
        paymentTerms: 10 + index,
      })),
    },
    { baseUrl, baseCurrency: 'DKK', now },
  );

const context = (data: AgreementData): DraftContext => ({ data, baseCurrency: 'DKK', now, baseUrl });

const draftOn = (index: number, extra: Record<string, unknown> = {}) => ({
  date: '2026-05-27',
  currency: 'DKK',
  customer: { customerNumber: 2000 + index },
  paymentTerms: { paymentTermsNumber: 10 + index },
  layout: { layoutNumber: 19 },
  recipient: { name: `Kunde ${index}`, vatZone: { vatZoneNumber: 1 } },
  ...extra,
});

const dueDateIndex = paymentTermsTypes.indexOf('dueDate');

describe('e-conomic simulator: payment terms', () => {
  it('knows exactly the types of e-conomic’s payment-terms schemas', () => {
    for (const name of ['payment-terms.get', 'payment-terms.paymentTermsNumber.get'] as const) {
      const schema = readEconomicSchema(name) as {
        properties: Record<
          string,
          { items?: { properties: Record<string, { enum?: string[] }> }; enum?: string[] }
        >;
      };
      const type =
        name === 'payment-terms.get'
          ? schema.properties.collection?.items?.properties.paymentTermsType
          : schema.properties.paymentTermsType;
      expect([...paymentTermsTypes].sort()).toEqual([...(type?.enum ?? [])].sort());
    }
  });

  it('preloads terms of every type and customers carrying them, each read valid against its schema', () => {
    // Act
    const data = everyType();

    // Assess
    const render = new Renderer(baseUrl, now);
    for (const [index, type] of paymentTermsTypes.entries()) {
      const terms = data.paymentTerms.get(10 + index)!;
      expect(render.paymentTerms(terms)).toMatchObject({
        paymentTermsNumber: 10 + index,
        paymentTermsType: type,
      });
      expect(validateResponse('payment-terms.paymentTermsNumber.get', render.paymentTerms(terms))).toEqual(
        [],
      );
      const customer = render.customer(data.customers.get(2000 + index)!);
      expect(customer).toMatchObject({ paymentTerms: { paymentTermsNumber: 10 + index } });
    }
  });

  it('refuses a preload whose customer names terms the agreement does not have', () => {
    expect(() =>
      applyEconomicPreload(
        freshAgreementData(),
        { customers: [{ customerNumber: 1, name: 'X', paymentTerms: 99 }] },
        { baseUrl, baseCurrency: 'DKK', now },
      ),
    ).toThrow('customer 1: payment terms 99 does not exist');
  });

  it('takes a draft without a due date under every type but dueDate, deriving one not before the date', () => {
    const data = everyType();
    for (const [index, type] of paymentTermsTypes.entries()) {
      if (type === 'dueDate') continue;

      // Act
      const built = buildDraft(draftOn(index), context(data), 1);

      // Assess
      expect({ type, ok: built.ok }).toEqual({ type, ok: true });
      if (!built.ok) continue;
      expect(built.document.paymentTerms).toMatchObject({ paymentTermsType: type, daysOfCredit: 14 });
      expect(built.document.dueDate! >= '2026-05-27').toBe(true);
    }
  });

  it('refuses under dueDate terms a draft without a due date (E04042), in the legacy annotated form', () => {
    // Act
    const built = buildDraft(draftOn(dueDateIndex), context(everyType()), 1);

    // Assess
    expect(built.ok).toBe(false);
    if (built.ok) return;
    expect(built.errors.toJSON()).toEqual({
      dueDate: {
        errors: [
          {
            errorCode: 'E04042',
            message: 'Property dueDate must have a value when the payment terms are of type dueDate.',
            developerHint: expect.any(String),
          },
        ],
      },
    });
  });

  it('refuses under dueDate terms a due date before the date (E04760), naming the value; takes the date itself', () => {
    // Act
    const early = buildDraft(draftOn(dueDateIndex, { dueDate: '2026-05-26' }), context(everyType()), 1);
    const same = buildDraft(draftOn(dueDateIndex, { dueDate: '2026-05-27' }), context(everyType()), 2);

    // Assess
    expect(early.ok ? undefined : early.errors.toJSON()).toEqual({
      dueDate: {
        errors: [
          {
            errorCode: 'E04760',
            message: 'dueDate cannot be earlier than date.',
            value: '2026-05-26',
            developerHint: expect.any(String),
          },
        ],
      },
    });
    expect(same.ok && same.document.dueDate).toBe('2026-05-27');
  });
});
