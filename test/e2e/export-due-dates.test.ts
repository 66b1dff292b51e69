import { beforeAll, describe, expect, it } from 'vitest';
import { control, createScenario, draftsOf, type Scenario, waitForExport } from './support/accounting.ts';

/**
 * Customers on e-conomic payment terms of type `dueDate` ("Forfaldsdato", terms 4 of a fresh
 * simulated agreement): e-conomic refuses their drafts without a due date (E04042) or with one
 * before the draft's date (E04760). The export gives each draft the invoice's own due date, else
 * its date plus the integration's `defaultDaysOfCredit`, and refuses up front where neither exists
 * (packages/domain/src/payment-terms.ts).
 */
const FORFALDSDATO = 4;

/** The scenario's customers moved onto `dueDate` terms in the simulator. */
const onDueDateTerms = async (scenario: Scenario) =>
  control('economic', 'POST', 'preload', {
    customers: scenario.customers.map((customer) => ({
      customerNumber: Number(customer.number),
      name: `Kunde ${customer.number}`,
      customerGroup: 1,
      paymentTerms: FORFALDSDATO,
    })),
  });

const invoiceFor = async (scenario: Scenario, customer: string, fields: Record<string, unknown>) => {
  const created = await scenario.tenant.resellerApi.post('/invoice', {
    customer,
    lines: [{ product: scenario.products[0]!.id, units: 1 }],
    ...fields,
  });
  if (created.status !== 201) throw new Error(`invoice: ${created.status} ${created.text}`);
  return created.body._id as string;
};

const draftPostsFor = async (customerNumber: string) =>
  (
    (await control('economic', 'GET', 'requests?method=POST&path=/orders/drafts')) as {
      requests: { body?: { customer?: { customerNumber?: number } } }[];
    }
  ).requests.filter((request) => request.body?.customer?.customerNumber === Number(customerNumber));

describe('export to e-conomic: customers on due-date payment terms', () => {
  let scenario: Scenario;

  beforeAll(async () => {
    scenario = await createScenario('economic', 2, 'Forfald');
    await onDueDateTerms(scenario);
  });

  it('refuses up front, naming the customer and its terms, when the invoice has no due date and no default days of credit is set; nothing is queued', async () => {
    // Prepare: an invoice without a due date; the integration has no defaultDaysOfCredit
    const customer = scenario.customers[1]!;
    const name = (await scenario.tenant.resellerApi.get(`/customer/${customer.id}`)).body.name;
    await invoiceFor(scenario, customer.id, { invoiceDate: '2033-05-01' });

    // Act
    const answer = await scenario.tenant.resellerApi.post('/integration/economic/invoice/draft', {
      invoiceDate: '2033-05-01',
    });

    // Assess: 422 multiple naming the key, the terms (number, name, type) and the customer
    expect(answer.status).toBe(422);
    expect(answer.body).toMatchObject({ status: 422, message: 'multiple' });
    expect(answer.body.errors).toEqual([
      {
        status: 422,
        message: 'economic.paymentTerms',
        description: `Payment terms 4 "Forfaldsdato" (type dueDate) need a due date, and an invoice has none and no defaultDaysOfCredit is set on the e-conomic integration: ${name}`,
      },
    ]);
    // Assess: nothing queued: no draft was tried, and the month is not locked (exported below)
    expect(answer.body).not.toHaveProperty('exportId');
    expect(await draftPostsFor(customer.number)).toEqual([]);
  });

  it('sends the invoice’s own due date, and the date plus the default days of credit for one without', async () => {
    // Prepare: the default set (422 naming it when out of range), one invoice with and one without a due date
    const bad = await Promise.all(
      [-1, 366, 1.5, '14'].map((value) =>
        scenario.tenant.resellerApi.put('/integration/economic/settings', { defaultDaysOfCredit: value }),
      ),
    );
    const set = await scenario.tenant.resellerApi.put('/integration/economic/settings', {
      defaultDaysOfCredit: 14,
    });
    const [withDueDate, without] = scenario.customers;
    const own = await invoiceFor(scenario, withDueDate!.id, {
      invoiceDate: '2033-05-01',
      dueDate: '2033-05-20',
    });
    const defaulted = await invoiceFor(scenario, without!.id, { invoiceDate: '2033-05-01' });

    // Act: the month refused above, asked again
    const answer = await scenario.tenant.resellerApi.post('/integration/economic/invoice/draft', {
      invoiceDate: '2033-05-01',
    });
    const job = await waitForExport(scenario.tenant.resellerApi, answer.body.exportId);

    // Assess: the setting
    for (const refused of bad) {
      expect(refused.status).toBe(422);
      expect(refused.body.message).toBe('defaultDaysOfCredit');
    }
    expect(set.status).toBe(200);
    expect(set.body).toMatchObject({ defaultDaysOfCredit: 14 });
    // Assess: every draft made, each with its due date
    expect(answer.status).toBe(202);
    expect(job).toMatchObject({ status: 'succeeded', drafts: { created: 3, deleted: 0 } });
    const drafts = await draftsOf('economic', answer.body.exportId);
    const dueDateOf = (invoice: string) =>
      drafts.find((draft) => draft.references.other === `FK-${answer.body.exportId}-${invoice}`)?.dueDate;
    expect(dueDateOf(own)).toBe('2033-05-20');
    expect(dueDateOf(defaulted)).toBe('2033-05-15');
    expect(drafts.map((draft) => draft.dueDate).sort()).toEqual(['2033-05-15', '2033-05-15', '2033-05-20']);
    expect(drafts.every((draft) => draft.paymentTerms.paymentTermsType === 'dueDate')).toBe(true);
  });
});
