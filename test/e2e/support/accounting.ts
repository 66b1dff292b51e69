import { GetQueueAttributesCommand, SQSClient } from '@aws-sdk/client-sqs';
import { inject } from 'vitest';
import type { FakturaClient } from '#client/client';
import { type StackTarget, tokenFor } from './api.ts';
import { eventually } from './eventually.ts';
import { adminClient, createProduct, createTenant, type Tenant, type TenantOptions } from './fixtures.ts';
import { mailQueueUrl } from './in-process.ts';
import type { RequestBody } from './typed-api.ts';

/**
 * An export scenario on the local stack's accounting simulators: a reseller connected to the
 * system, customers and products known on both sides (numbers unique to the scenario, so files
 * running at once do not meet), and helpers to read the simulator's own endpoints.
 */
export type System = 'economic' | 'uniconta';

export const simulatorUrl = (system: System): string =>
  `http://127.0.0.1:${inject('ports')[system === 'economic' ? 'ECONOMIC_SIMULATOR_PORT' : 'UNICONTA_SIMULATOR_PORT']}`;

export const credentials = {
  economic: { appSecretToken: 'sim-app-secret-token', agreementGrantToken: 'sim-agreement-grant-token' },
  uniconta: { companyId: '12345', userId: 'sim-user', password: 'sim-password' },
} as const;

/** The local simulator's Uniconta login, as the Authorization header (the tests' reads of its own API). */
export const unicontaAuth = `Basic ${Buffer.from('0012345/sim-user:sim-password').toString('base64')}`;
const economicHeaders = {
  'x-appsecrettoken': credentials.economic.appSecretToken,
  'x-agreementgranttoken': credentials.economic.agreementGrantToken,
};

/** The simulator's control API (`/__sim/…`); `at`: another simulator than the local stack's. */
export const control = async (system: System, method: string, path: string, body?: unknown, at?: string) => {
  const response = await fetch(`${at ?? simulatorUrl(system)}/__sim/${path}`, {
    method,
    headers: { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (response.status >= 300)
    throw new Error(`simulator ${method} ${path}: ${response.status} ${await response.text()}`);
  return response.status === 200 ? response.json() : undefined;
};

let numbers = Math.floor(Math.random() * 100_000) * 10 + 200_000;

export interface Scenario {
  readonly tenant: Tenant;
  readonly system: System;
  /** The service root of the accounting system (simulator) the reseller is connected to. */
  readonly simulator: string;
  readonly customers: { id: string; number: string }[];
  /** A subscription, a usage product and (the last) an external licence, known on both sides. */
  readonly products: { id: string; code: string }[];
}

export interface ScenarioOptions extends TenantOptions {
  /**
   * A simulator of the test's own (its service root) instead of the local stack's: the reseller's
   * integration gets it as its base URL (set by ADMIN; the stack must allow it, see
   * `testSimulatorPorts`), so that faults, latency and rate limits set on it reach this
   * scenario's exports and no other test's.
   */
  readonly simulator?: string;
}

export const createScenario = async (
  system: System,
  customerCount: number,
  label: string,
  options: ScenarioOptions = {},
): Promise<Scenario> => {
  const { target } = options;
  const simulator = options.simulator ?? simulatorUrl(system);
  const tenant = await createTenant(label, options);
  const platform = await adminClient(target);
  const customers: { id: string; number: string }[] = [{ id: tenant.customer, number: '' }];
  for (let i = 1; i < customerCount; i += 1) {
    const created = await platform.POST('/customer', {
      body: { reseller: tenant.reseller, name: `${label} kunde ${i}` },
    });
    customers.push({ id: created.data!._id, number: '' });
  }
  for (const customer of customers) {
    numbers += 1;
    customer.number = String(numbers);
    await platform.PATCH('/customer/{id}', {
      params: { path: { id: customer.id } },
      body: { finance: { accountingSystemId: customer.number } },
    });
  }
  const products: { id: string; code: string }[] = [];
  const kinds: Partial<RequestBody<'/product', 'post'>>[] = [
    { unitType: 'MONTHS', unitPrice: 99, unitWholesale: 60, kind: 'subscription' },
    { unitType: 'MIN', unitPrice: 0.0123, unitWholesale: 0.008, kind: 'usage' },
    // Billed for a third party: its lines are the invoice's external-licence document (seed 003).
    { unitType: 'MONTHS', unitPrice: 45, unitWholesale: 30, kind: 'subscription', externalLicense: true },
  ];
  for (const [index, fields] of kinds.entries()) {
    const code = `E${system[0]}${numbers}${index}`;
    products.push({ id: (await createProduct({ productCode: code, ...fields }, target))._id, code });
  }
  await control(
    system,
    'POST',
    'preload',
    system === 'economic'
      ? {
          customers: customers.map((c) => ({
            customerNumber: Number(c.number),
            name: `Kunde ${c.number}`,
            customerGroup: 1,
          })),
          products: products.map((p) => ({ productNumber: p.code, name: `Produkt ${p.code}` })),
        }
      : {
          debtors: customers.map((c) => ({ Account: c.number, Name: `Kunde ${c.number}` })),
          items: products.map((p) => ({ Item: p.code, Name: `Produkt ${p.code}` })),
        },
    simulator,
  );
  // Where the system lives is for ADMIN to choose (among the hosts the stack allows); the reseller
  // connects to the stack's default host itself.
  const connected = options.simulator
    ? await saveSettings(platform, system, {
        reseller: tenant.reseller,
        ...credentials[system],
        baseUrl: options.simulator,
      })
    : await saveSettings(tenant.resellerClient, system, credentials[system]);
  if (!connected.data)
    throw new Error(`settings: ${connected.response.status} ${JSON.stringify(connected.error)}`);
  return { tenant, system, simulator, customers, products };
};

/** Invoices dated in `month` (YYYY-MM), spread over the scenario's customers, two lines each. */
export const createInvoices = async (scenario: Scenario, count: number, month: string) => {
  const ids: string[] = [];
  for (let i = 0; i < count; i += 1) {
    const customer = scenario.customers[i % scenario.customers.length]!;
    const created = await scenario.tenant.resellerClient.POST('/invoice', {
      body: {
        customer: customer.id,
        invoiceDate: `${month}-01`,
        lines: [
          { product: scenario.products[0]!.id, units: 1 + (i % 3), from: `${month}-01`, to: `${month}-28` },
          { product: scenario.products[1]!.id, units: 412.5 + i, description: `Samtaler ${i}` },
        ],
      },
    });
    if (!created.data)
      throw new Error(`invoice: ${created.response.status} ${JSON.stringify(created.error)}`);
    ids.push(created.data._id);
  }
  return ids;
};

/** The export job once it has finished, read as its requester would (`GET /integration/exports/{exportId}`). */
export const waitForExport = async (api: FakturaClient, exportId: string, timeoutMs = 90_000) => {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const { data: job, response } = await api.GET('/integration/exports/{exportId}', {
      params: { path: { exportId } },
    });
    if (!job) throw new Error(`export ${exportId}: ${response.status}`);
    if (job.status === 'succeeded' || job.status === 'failed') return job;
    if (Date.now() > deadline) throw new Error(`export ${exportId} still ${job.status}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
};

/** The drafts that carry this export's references, read through the system's own API (`at`: another simulator). */
export const draftsOf = async (system: System, exportId: string, at?: string): Promise<any[]> => {
  const root = at ?? simulatorUrl(system);
  if (system === 'economic') {
    const filter = encodeURIComponent(`references.other$like:FK-${exportId}`);
    const response = await fetch(`${root}/orders/drafts?pagesize=1000&filter=${filter}`, {
      headers: economicHeaders,
    });
    const { collection } = (await response.json()) as { collection: { orderNumber: number }[] };
    return Promise.all(
      collection.map(async (draft) =>
        (
          await fetch(`${root}/orders/drafts/${draft.orderNumber}`, {
            headers: economicHeaders,
          })
        ).json(),
      ),
    );
  }
  const response = await fetch(`${root}/api/Entities/DebtorOrderClient`, {
    headers: { authorization: unicontaAuth },
  });
  const orders = ((await response.json()) as { YourRef?: string; OrderNumber: number }[]).filter((order) =>
    order.YourRef?.startsWith(`FK-${exportId}`),
  );
  return Promise.all(
    orders.map(async (order) => {
      const lines = await fetch(
        `${root}/api/Entities/DebtorOrderLineClient?Name=OrderNumber&Value=${order.OrderNumber}`,
        {
          headers: { authorization: unicontaAuth },
        },
      );
      return { ...order, lines: await lines.json() };
    }),
  );
};

/** A stack's ports (`inject('ports')`, or another stack's). */
type StackPorts = Readonly<Record<string, number>>;

/**
 * Waits until the stack's mail queue is empty: every e-mail queued so far (the saga and the close
 * queue them, functions/mail/send.ts sends them) has reached SES, or its dead-letter queue.
 */
const mailQueueDrained = async (ports: StackPorts): Promise<void> => {
  const sqs = new SQSClient({
    endpoint: `http://127.0.0.1:${ports.SQS_PORT}`,
    region: 'eu-west-1',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });
  const QueueUrl = mailQueueUrl(ports.SQS_PORT);
  try {
    await eventually(async () => {
      const { Attributes = {} } = await sqs.send(
        new GetQueueAttributesCommand({
          QueueUrl,
          AttributeNames: ['ApproximateNumberOfMessages', 'ApproximateNumberOfMessagesNotVisible'],
        }),
      );
      const left =
        Number(Attributes.ApproximateNumberOfMessages) +
        Number(Attributes.ApproximateNumberOfMessagesNotVisible);
      return left === 0 ? true : undefined;
    }, 'an empty mail queue');
  } finally {
    sqs.destroy();
  }
};

/** The mail the stack's SES has taken, once its mail queue is empty (`ports`: another stack's). */
export const sentMail = async (
  ports: StackPorts = inject('ports'),
): Promise<{ subject: string; to: string[]; text: string; html: string }[]> => {
  await mailQueueDrained(ports);
  const response = await fetch(`http://127.0.0.1:${ports.SES_PORT}/store`);
  const { emails } = (await response.json()) as { emails: any[] };
  return emails.map((email) => ({
    subject: email.subject,
    to: email.destination.to,
    text: email.body.text ?? '',
    html: email.body.html ?? '',
  }));
};

/**
 * The cells of each row of an e-mail's data table (its headings, rows and total), as the HTML has
 * them (escaped); none when the e-mail has no table.
 */
export const tableRows = (html: string): string[][] => {
  const table = /<thead>(.*)<\/tbody>/s.exec(html)?.[1] ?? '';
  return [...table.matchAll(/<tr>(.*?)<\/tr>/gs)].map(([, row]) =>
    [...row!.matchAll(/>([^<]*)<\/t[dh]>/g)].map(([, text]) => text!),
  );
};

/**
 * The mail about an export, once there is some: the job reads as finished before the saga's last
 * step sends the e-mail, so reading the mail right after the job would race it.
 */
export const mailAbout = (exportId: string, ports?: StackPorts) =>
  eventually(async () => {
    const mail = (await sentMail(ports)).filter((m) => m.text.includes(exportId));
    return mail.length > 0 ? mail : undefined;
  }, `the e-mail about ${exportId}`);

export const resellerToken = (reseller: string, target?: StackTarget) =>
  tokenFor({ role: 'RESELLER', reseller, email: 'staff@reseller.example' }, target);

/**
 * The job of an export request the API queued (202). An export request answers 200 without a job
 * when nothing is left to export, so its typed answer may lack `exportId`; a test that expects a
 * job asks for it here, and fails naming what came instead.
 */
export const exportIdOf = (answer: {
  readonly data?: object;
  readonly error?: unknown;
  readonly response: Response;
}): string => {
  if (answer.response.status !== 202 || !answer.data || !('exportId' in answer.data))
    throw new Error(
      `no export queued: ${answer.response.status} ${JSON.stringify(answer.data ?? answer.error)}`,
    );
  return answer.data.exportId as string;
};

/** PUT /integration/{system}/settings through the typed client: an integration set up or changed. */
export const saveSettings = (
  api: FakturaClient,
  system: System,
  body: RequestBody<'/integration/{system}/settings', 'put'>,
) => api.PUT('/integration/{system}/settings', { params: { path: { system } }, body });

/** POST /integration/{system}/invoice/draft through the typed client: a month's export, as asked. */
export const requestExport = (
  api: FakturaClient,
  system: System,
  body: RequestBody<'/integration/{system}/invoice/draft', 'post'> = {},
) => api.POST('/integration/{system}/invoice/draft', { params: { path: { system } }, body });
