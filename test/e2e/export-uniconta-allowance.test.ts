import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { unicontaCallDay } from '#domain/uniconta-allowance';
import { accountingCallStore } from '#wiring/store';
import { exportLockKey } from '../../packages/store/src/keys.ts';
import {
  createInvoices,
  createScenario,
  draftsOf,
  exportIdOf,
  requestExport,
  type Scenario,
  saveSettings,
  simulatorUrl,
  unicontaAuth,
  waitForExport,
} from './support/accounting.ts';
import { useTestStackInProcess } from './support/in-process.ts';
import { problemOf } from './support/typed-api.ts';

/**
 * Uniconta's daily call allowance (docs/contracts/uniconta.md §6, packages/domain/src/uniconta-allowance.ts):
 * the calls Faktura makes per integration and (Danish) day are counted, and an export that would
 * not fit in what is left of today is refused up front with the figures (`422 multiple`,
 * `uniconta.allowance`), creating nothing; one that fits goes through and its calls are counted.
 */
const month = '2034-08';

describe('export to Uniconta: the daily call allowance', () => {
  let scenario: Scenario;
  const today = () => unicontaCallDay(new Date());

  /** The sales orders a customer has in the simulator, read through Uniconta's own API. */
  const ordersOf = async (account: string) => {
    const response = await fetch(
      `${simulatorUrl('uniconta')}/api/Entities/DebtorOrderClient?Name=Account&Value=${account}`,
      { headers: { authorization: unicontaAuth } },
    );
    return response.json();
  };

  /**
   * The export locks the reseller holds, as the table has them (the API lists none): a job is
   * written in one transaction with the lock of its month, and holds it until it has finished
   * (packages/store/src/exports.ts). One query of the tenant's partition, whatever else the
   * shared table holds (the month-end test's 20,000 invoices made a scan of it time out).
   */
  const exportLocksOf = async (reseller: string) => {
    const client = DynamoDBDocumentClient.from(
      new DynamoDBClient({
        endpoint: `http://127.0.0.1:${inject('ports').DYNAMODB_PORT}`,
        region: 'eu-west-1',
        credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
      }),
    );
    const { Items = [] } = await client.send(
      new QueryCommand({
        TableName: 'faktura',
        KeyConditionExpression: 'pk = :tenant AND begins_with(sk, :lock)',
        ExpressionAttributeValues: { ':tenant': exportLockKey(reseller, '', '').pk, ':lock': 'EXPORT-LOCK#' },
      }),
    );
    return Items;
  };

  beforeAll(async () => {
    useTestStackInProcess();
    scenario = await createScenario('uniconta', 2, 'Uniconta allowance');
    await createInvoices(scenario, 3, month);
  });

  it('refuses with the figures an export that needs more calls than remain today, and creates nothing', async () => {
    // Prepare: 4,995 calls already counted today for this integration
    const owner = { kind: 'reseller', reseller: scenario.tenant.reseller } as const;
    const day = today();
    await accountingCallStore.addAccountingCalls(owner, 'uniconta', day, 4_995);

    // Act
    const response = await requestExport(scenario.tenant.resellerClient, 'uniconta', {
      invoiceDate: `${month}-01`,
    });

    // Assess: the request's own 3 calls (credentials, customers, items) are counted first: 4,998
    // used, 2 remain, and 3 invoices need 6, and the VAT tables of their one batch 4
    expect(response.response.status).toBe(422);
    expect(problemOf(response).message).toBe('multiple');
    expect(problemOf(response).errors).toEqual([
      {
        status: 422,
        message: 'uniconta.allowance',
        description: `The export needs 10 Uniconta calls, and 2 of today's allowance of 5,000 remain (4,998 used on ${day}, Danish time); Uniconta's count starts again at midnight`,
      },
    ]);
    expect(await accountingCallStore.accountingCallsOn(owner, 'uniconta', day)).toBe(4_998);
    // No job: none holds the month, and no call beyond the request's own three was made
    expect(await exportLocksOf(scenario.tenant.reseller)).toEqual([]);
    for (const customer of scenario.customers) expect(await ordersOf(customer.number)).toEqual([]);
  });

  it('takes a larger allowance bought from Uniconta as a setting, and then exports what did not fit', async () => {
    // Prepare: an allowance the settings refuse, then one they take
    const api = scenario.tenant.resellerClient;
    const refusedSetting = await saveSettings(api, 'uniconta', { dailyCallAllowance: 0 });
    const setting = await saveSettings(api, 'uniconta', { dailyCallAllowance: 20_000 });

    // Act: the month refused above (today's count is past 5,000 by now)
    const answer = await requestExport(api, 'uniconta', { invoiceDate: `${month}-01` });
    const job = await waitForExport(api, exportIdOf(answer));

    // Assess
    expect(refusedSetting.response.status).toBe(422);
    expect(refusedSetting.error?.message).toBe('dailyCallAllowance');
    expect(setting.response.status).toBe(200);
    expect(setting.data).toMatchObject({ dailyCallAllowance: 20_000 });
    const read = await api.GET('/integration/{system}/settings', {
      params: { path: { system: 'uniconta' } },
    });
    expect(read.data).toMatchObject({
      dailyCallAllowance: 20_000,
    });
    expect(answer.response.status).toBe(202);
    expect(job).toMatchObject({ status: 'succeeded', drafts: { created: 3, deleted: 0 } });
  });

  it('exports what fits, and counts its calls: the request’s 3, then 2 per invoice and the VAT tables once', async () => {
    // Prepare: another reseller, nothing counted today
    const fitting = await createScenario('uniconta', 2, 'Uniconta allowance fits');
    await createInvoices(fitting, 3, month);
    const owner = { kind: 'reseller', reseller: fitting.tenant.reseller } as const;

    // Act
    const answer = await requestExport(fitting.tenant.resellerClient, 'uniconta', {
      invoiceDate: `${month}-01`,
    });
    const exportId = exportIdOf(answer);
    // Ten calls at Uniconta's five a second: the job still runs, and holds its month
    const whileRunning = await exportLocksOf(fitting.tenant.reseller);
    const job = await waitForExport(fitting.tenant.resellerClient, exportId);

    // Assess
    expect(answer.response.status).toBe(202);
    expect(job).toMatchObject({ status: 'succeeded', drafts: { created: 3, deleted: 0 } });
    expect(await draftsOf('uniconta', exportId)).toHaveLength(3);
    // The same read that finds no job for the refused export finds this one while it runs.
    expect(whileRunning).toEqual([expect.objectContaining({ exportId, type: 'export-lock' })]);
    expect(await exportLocksOf(fitting.tenant.reseller)).toEqual([]);
    expect(await accountingCallStore.accountingCallsOn(owner, 'uniconta', today())).toBe(3 + 2 * 3 + 4);
  });
});
