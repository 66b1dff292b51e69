import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { openSeeder } from '#local/seeder';
import { type EconomicSimulator, startEconomicSimulator } from '#simulators/index';
import {
  createScenario,
  credentials,
  exportIdOf,
  requestExport,
  type Scenario,
  waitForExport,
} from './support/accounting.ts';

/**
 * A month-end export at the size issue 13 names: 20,000 invoices of one reseller into e-conomic,
 * through the export request, the queue and the state machine CDK synthesizes, against a simulator
 * of the test's own (its request log and drafts are this export's alone) at its default, generous
 * rate, most of them dated the 1st and a few later in the month (the request reads the month's
 * headers as ranges cut where the keys are, packages/store/src/query-key-range.ts). Behaviour, not
 * speed: every invoice gets exactly one draft and its mark, nothing is compensated. The invoices are made by POST /invoice's own code in this process
 * (tools/local-runtime/src/seeder.ts), not one HTTP call each.
 */
const invoiceCount = 20_000;
const customerCount = 200;
const month = '2033-01';
/** As a real month has them: the close's invoices dated the 1st, the last few made by hand later. */
const datedLater = 20;
const invoiceDateOf = (index: number) => {
  const later = index - (invoiceCount - datedLater);
  return later < 0 ? `${month}-01` : `${month}-${String(2 + later).padStart(2, '0')}`;
};

const economicHeaders = {
  'x-appsecrettoken': credentials.economic.appSecretToken,
  'x-agreementgranttoken': credentials.economic.agreementGrantToken,
};

/** Every draft's reference, read through e-conomic's own paged list. */
const draftReferences = async (root: string, exportId: string): Promise<string[]> => {
  const filter = encodeURIComponent(`references.other$like:FK-${exportId}`);
  const references: string[] = [];
  for (let page = 0; ; page += 1) {
    const response = await fetch(`${root}/orders/drafts?pagesize=1000&skippages=${page}&filter=${filter}`, {
      headers: economicHeaders,
    });
    const { collection } = (await response.json()) as { collection: { references?: { other?: string } }[] };
    references.push(...collection.map((draft) => String(draft.references?.other)));
    if (collection.length < 1000) return references;
  }
};

describe('a month-end export of 20,000 invoices', () => {
  let simulator: EconomicSimulator;
  let scenario: Scenario;
  let invoices: string[];

  beforeAll(async () => {
    simulator = await startEconomicSimulator({ port: inject('monthEndSimulatorPort') });
    scenario = await createScenario('economic', customerCount, 'Month-end', { simulator: simulator.url });
    const products = scenario.products.slice(0, 2);
    const seeder = openSeeder({ dynamodbEndpoint: `http://127.0.0.1:${inject('ports').DYNAMODB_PORT}` });
    invoices = await seeder.seedInvoices({
      caller: { role: 'RESELLER', reseller: scenario.tenant.reseller, userId: 'month-end-seeder' },
      bodies: Array.from({ length: invoiceCount }, (_, i) => ({
        customer: scenario.customers[i % customerCount]!.id,
        invoiceDate: invoiceDateOf(i),
        lines: [
          { product: products[0]!.id, units: 1 + (i % 3), from: `${month}-01`, to: `${month}-31` },
          { product: products[1]!.id, units: 412.5 + i, description: `Samtaler ${i}` },
        ],
      })),
    });
    seeder.close();
    simulator.control.clearRequests();
  }, 600_000);

  afterAll(async () => {
    await simulator?.stop();
  });

  it('makes one draft per invoice, marks every invoice and compensates nothing', {
    timeout: 1_200_000,
  }, async () => {
    // Act
    const api = scenario.tenant.resellerClient;
    const answer = await requestExport(api, 'economic', { invoiceDate: `${month}-01` });
    const exportId = exportIdOf(answer);
    const job = await waitForExport(api, exportId, 1_000_000);

    // Assess: the job
    expect(answer.response.status).toBe(202);
    expect(answer.data).toMatchObject({ success: true, total: invoiceCount, exported: invoiceCount });
    expect(job).toMatchObject({
      status: 'succeeded',
      total: invoiceCount,
      exported: invoiceCount,
      drafts: { created: invoiceCount, deleted: 0 },
    });

    // Assess: exactly one draft per invoice in the accounting system, and none deleted
    const references = await draftReferences(simulator.url, exportId);
    expect(references).toHaveLength(invoiceCount);
    expect(new Set(references)).toEqual(new Set(invoices.map((invoice) => `FK-${exportId}-${invoice}`)));
    expect(simulator.control.requests({ method: 'DELETE' })).toEqual([]);

    // Assess: every invoice carries its mark, so the month has nothing left to export
    const again = await requestExport(api, 'economic', { invoiceDate: `${month}-01` });
    expect(again.response.status).toBe(200);
    expect(again.data).toEqual({ success: true, total: 0, exported: 0 });
  });
});
