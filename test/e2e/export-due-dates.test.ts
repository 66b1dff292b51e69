import { beforeAll, describe, expect, it } from 'vitest';
import {
  control,
  createScenario,
  draftsOf,
  exportIdOf,
  requestExport,
  type Scenario,
  saveSettings,
  waitForExport,
} from './support/accounting.ts';
import { problemOf, type RequestBody } from './support/typed-api.ts';

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

const invoiceFor = async (
  scenario: Scenario,
  customer: string,
  fields: Partial<RequestBody<'/invoice', 'post'>>,
) => {
  const created = await scenario.tenant.resellerClient.POST('/invoice', {
    body: { customer, lines: [{ product: scenario.products[0]!.id, units: 1 }], ...fields },
  });
  return created.data!._id;
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
    const { data: read } = await scenario.tenant.resellerClient.GET('/customer/{id}', {
      params: { path: { id: customer.id } },
    });
    await invoiceFor(scenario, customer.id, { invoiceDate: '2033-05-01' });

    // Act
    const answer = await requestExport(scenario.tenant.resellerClient, 'economic', {
      invoiceDate: '2033-05-01',
    });

    // Assess: 422 multiple naming the key, the terms (number, name, type) and the customer
    expect(answer.response.status).toBe(422);
    expect(answer.error).toMatchObject({ status: 422, message: 'multiple' });
    expect(problemOf(answer).errors).toEqual([
      {
        status: 422,
        message: 'economic.paymentTerms',
        description: `Payment terms 4 "Forfaldsdato" (type dueDate) need a due date, and an invoice has none and no defaultDaysOfCredit is set on the e-conomic integration: ${read!.name}`,
      },
    ]);
    // Assess: nothing queued: no draft was tried, and the month is not locked (exported below)
    expect(answer.data).toBeUndefined();
    expect(await draftPostsFor(customer.number)).toEqual([]);
  });

  it('sends the invoice’s own due date, and the date plus the default days of credit for one without', async () => {
    // Prepare: the default set (422 naming it when out of range), one invoice with and one without a due date
    // Untyped on purpose: '14' is a string where the reference takes a whole number.
    const bad = await Promise.all(
      [-1, 366, 1.5, '14'].map((value) =>
        scenario.tenant.resellerApi.put('/integration/economic/settings', { defaultDaysOfCredit: value }),
      ),
    );
    const set = await saveSettings(scenario.tenant.resellerClient, 'economic', { defaultDaysOfCredit: 14 });
    const [withDueDate, without] = scenario.customers;
    const own = await invoiceFor(scenario, withDueDate!.id, {
      invoiceDate: '2033-05-01',
      dueDate: '2033-05-20',
    });
    const defaulted = await invoiceFor(scenario, without!.id, { invoiceDate: '2033-05-01' });

    // Act: the month refused above, asked again
    const answer = await requestExport(scenario.tenant.resellerClient, 'economic', {
      invoiceDate: '2033-05-01',
    });
    const exportId = exportIdOf(answer);
    const job = await waitForExport(scenario.tenant.resellerClient, exportId);

    // Assess: the setting
    for (const refused of bad) {
      expect(refused.status).toBe(422);
      expect(refused.body.message).toBe('defaultDaysOfCredit');
    }
    expect(set.response.status).toBe(200);
    expect(set.data).toMatchObject({ defaultDaysOfCredit: 14 });
    // Assess: every draft made, each with its due date
    expect(answer.response.status).toBe(202);
    expect(job).toMatchObject({ status: 'succeeded', drafts: { created: 3, deleted: 0 } });
    const drafts = await draftsOf('economic', exportId);
    const dueDateOf = (invoice: string) =>
      drafts.find((draft) => draft.references.other === `FK-${exportId}-${invoice}`)?.dueDate;
    expect(dueDateOf(own)).toBe('2033-05-20');
    expect(dueDateOf(defaulted)).toBe('2033-05-15');
    expect(drafts.map((draft) => draft.dueDate).sort()).toEqual(['2033-05-15', '2033-05-15', '2033-05-20']);
    expect(drafts.every((draft) => draft.paymentTerms.paymentTermsType === 'dueDate')).toBe(true);
  });
});
