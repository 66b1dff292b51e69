import { beforeAll, describe, expect, it } from 'vitest';
import {
  createInvoices,
  createScenario,
  draftsOf,
  exportIdOf,
  requestExport,
  type Scenario,
  type System,
  waitForExport,
} from './support/accounting.ts';
import { bookkeeperAction as act, syncBookings } from './support/bookings.ts';
import { invoiceOf, timelineOf } from './support/typed-api.ts';

/**
 * Booking sync end to end: the reseller's invoices are exported into the local simulator, a person
 * acts in the accounting system, and `npm run sync-bookings` (the CLI, which invokes the handler
 * the schedule invokes in AWS) brings what happened back onto the invoices; the API shows it.
 */
const label = { economic: 'e-conomic', uniconta: 'Uniconta' } as const;

describe.each<[System, string]>([
  ['economic', '2036-05'],
  ['uniconta', '2036-06'],
])('booking sync with %s', (system, month) => {
  let scenario: Scenario;
  let invoices: string[];
  let exportId: string;
  /** The draft (order) number of each invoice, by invoice id. */
  let draftOf: Map<string, number>;

  beforeAll(async () => {
    scenario = await createScenario(system, 3, `Booking sync ${system}`);
    invoices = await createInvoices(scenario, 3, month);
    const answer = await requestExport(scenario.tenant.resellerClient, system, {
      invoiceDate: `${month}-01`,
    });
    exportId = exportIdOf(answer);
    const job = await waitForExport(scenario.tenant.resellerClient, exportId);
    if (job.status !== 'succeeded') throw new Error(`export ${exportId} ${job.status}`);
    const drafts = await draftsOf(system, exportId);
    draftOf = new Map(
      drafts.map((draft) => [
        String(draft.references?.other ?? draft.YourRef).slice(`FK-${exportId}-`.length),
        Number(draft.orderNumber ?? draft.OrderNumber),
      ]),
    );
  }, 120_000);

  it('brings the booked number, sent and paid back, reopens a draft deleted by hand, and changes nothing the second time', async () => {
    // Prepare: the bookkeeper books the first two drafts, is paid for the second, deletes the third
    const reseller = scenario.tenant.resellerClient;
    const [booked, paid, deleted] = invoices as [string, string, string];
    const bookAction = system === 'economic' ? 'book' : 'post-order';
    const first = await act(system, bookAction, { orderNumber: draftOf.get(booked) });
    const second = await act(system, bookAction, { orderNumber: draftOf.get(paid) });
    const numberOf = (answer: { bookedInvoiceNumber?: number; InvoiceNumber?: number }) =>
      String(answer.bookedInvoiceNumber ?? answer.InvoiceNumber);
    await act(
      system,
      'pay',
      system === 'economic'
        ? { bookedInvoiceNumber: second.bookedInvoiceNumber }
        : { invoiceNumber: second.InvoiceNumber },
    );
    await act(system, system === 'economic' ? 'delete-draft' : 'delete-order', {
      orderNumber: draftOf.get(deleted),
    });

    // Act
    const [run] = await syncBookings({ reseller: scenario.tenant.reseller }, system);
    const [again] = await syncBookings({ reseller: scenario.tenant.reseller }, system);
    const shown = await reseller.GET('/integration/{system}/sync', { params: { path: { system } } });
    const reexport = await requestExport(reseller, system, { invoiceDate: `${month}-01` });

    // Assess: the runs
    expect(run).toMatchObject({
      system,
      drafts: 3,
      found: 2,
      updated: 3,
      deleted: 1,
      unmatched: [],
      errors: [],
    });
    expect(again).toMatchObject({ drafts: 1, found: 1, updated: 0, deleted: 0, errors: [] });
    expect(shown.data).toEqual(again);

    // Assess: the invoices as the API shows them
    const [one, two] = await Promise.all([booked, paid].map((id) => invoiceOf(reseller, id)));
    const timelineText = async (id: string) => JSON.stringify(await timelineOf(reseller, id));
    expect(one).toMatchObject({ invoiceNumber: numberOf(first), sent: true, paid: false });
    expect(two).toMatchObject({ invoiceNumber: numberOf(second), sent: true, paid: true });
    const timeline = await timelineText(paid);
    expect(timeline).toContain(`Booked as invoice ${numberOf(second)} in ${label[system]}`);
    expect(timeline).toContain(`Paid in ${label[system]}`);
    expect(await timelineText(deleted)).toContain(
      `Draft ${draftOf.get(deleted)} was deleted in ${label[system]}; the invoice can be exported again`,
    );

    // Assess: the invoice whose draft was deleted, and only it, goes again
    expect(reexport.response.status).toBe(202);
    expect(reexport.data).toMatchObject({ total: 1, exported: 1 });
    const job = await waitForExport(reseller, exportIdOf(reexport));
    expect(job.invoices.map((entry) => entry.invoice)).toEqual([deleted]);
  });

  it('answers 404 for an integration that has never synced', async () => {
    const other = system === 'economic' ? 'uniconta' : 'economic';

    const never = await scenario.tenant.resellerClient.GET('/integration/{system}/sync', {
      params: { path: { system: other } },
    });

    expect(never.response.status).toBe(404);
  });
});
