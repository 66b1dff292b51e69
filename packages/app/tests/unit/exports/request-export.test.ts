import { describe, expect, it, vi } from 'vitest';
import { acceptExport, ExportInProgress } from '#app/exports/request-export';
import { requestExport } from '#app/exports/request-export-by-caller';
import type { MasterData } from '#app/ports/accounting';
import { ExportAlreadyRunning, type ExportableInvoiceHeader } from '#app/ports/store';
import { AccountingAuthFailed, AccountingUnavailable } from '#domain/accounting-failures';
import type { Caller } from '#domain/caller';
import type { Customer } from '#domain/customer';
import type { IntegrationSettings } from '#domain/integration';
import { Refusal } from '#domain/refusal';
import { acceptingWorld, exportId, job as fakeJob, otherResellerId, resellerId } from '../fakes.ts';

const invoiceA = '65f0000000000000000000a1';
const invoiceB = '65f0000000000000000000b2';
const customerId = 'dddddddddddddddddddddddd';

const header = (id: string, overrides: Partial<ExportableInvoiceHeader> = {}) =>
  ({
    id,
    reseller: resellerId,
    customer: customerId,
    period: false,
    productCodes: ['P1'],
    externalLicenseProductCodes: [],
    invoiceDate: '2026-10-31T23:00:00.000Z',
    ...overrides,
  }) as unknown as ExportableInvoiceHeader;

const customer = (accountingSystemId?: string) =>
  ({
    id: customerId,
    reseller: resellerId,
    name: 'Kunde A/S',
    finance: accountingSystemId ? { accountingSystemId } : {},
  }) as Customer;

const settings = (overrides: Partial<IntegrationSettings> = {}): IntegrationSettings => ({
  system: 'economic',
  owner: { kind: 'reseller', reseller: resellerId },
  baseUrl: 'https://sim.example',
  defaultLayoutNumber: 19,
  autoExport: false,
  maskedCredentials: {},
  verifiedAt: '2026-01-01T00:00:00.000Z',
  updatedAt: '2026-01-01T00:00:00.000Z',
  ...overrides,
});

const masterData = {
  customers: new Map([['100', { number: '100', name: 'Kunde', barred: false }]]),
  products: new Map([['P1', { number: 'P1', name: 'Plan', barred: false }]]),
};

const world = (
  headers: ExportableInvoiceHeader[] = [header(invoiceA), header(invoiceB)],
  options: {
    customer?: Customer;
    integration?: IntegrationSettings | undefined;
    masterData?: MasterData;
    draftTexts?: Parameters<typeof acceptingWorld>[0]['draftTexts'];
  } = {},
) =>
  acceptingWorld({
    headers,
    customer: options.customer ?? customer('100'),
    integration: () => ('integration' in options ? options.integration : settings()),
    masterData: options.masterData ?? masterData,
    ...(options.draftTexts ? { draftTexts: options.draftTexts } : {}),
  });

const request = { system: 'economic', resellerNamed: true, requestedBy: { userId: 'u1' } } as const;

describe('acceptExport', () => {
  it('records the job with its batches, queues it and answers its id', async () => {
    // Prepare
    const { ports, accounting } = world();

    // Act
    const accepted = await acceptExport(ports, { ...request, options: { reseller: resellerId } });

    // Assess
    expect(accepted).toEqual({
      outcome: 'queued',
      answer: { success: true, total: 2, exported: 2, exportId },
    });
    expect(ports.invoices.invoiceHeadersInPeriod).toHaveBeenCalledWith(
      resellerId,
      '2026-10-31T23:00:00.000Z',
      '2026-11-29T23:00:00.000Z',
    );
    expect(accounting.verifyCredentials).toHaveBeenCalledTimes(1);
    expect(ports.customers.getCustomers).toHaveBeenCalledExactlyOnceWith(resellerId, [customerId]);
    // One request reads each thing once: the reseller, the integration, its credentials, the
    // accounting system's master data (every page of it), and opens the system once.
    const owner = { kind: 'reseller', reseller: resellerId };
    expect(ports.resellers.getReseller).toHaveBeenCalledExactlyOnceWith(resellerId);
    expect(ports.integrations.getIntegration).toHaveBeenCalledExactlyOnceWith(owner, 'economic');
    expect(ports.credentials.loadCredentials).toHaveBeenCalledExactlyOnceWith(owner, 'economic');
    expect(ports.systems.open).toHaveBeenCalledTimes(1);
    expect(accounting.loadMasterData).toHaveBeenCalledTimes(1);
    const job = fakeJob({
      status: 'queued',
      requestedBy: { userId: 'u1' },
      createdAt: '2026-11-15T10:00:00.000Z',
    });
    expect(ports.exports.createExportJob).toHaveBeenCalledExactlyOnceWith(job, [[invoiceA, invoiceB]]);
    expect(ports.queue.sendExportRequest).toHaveBeenCalledExactlyOnceWith(job);
  });

  it('skips invoices already in these books, without lines to send, or omitted; counts the omitted', async () => {
    // Prepare
    const exported = header('65f0000000000000000000c3', { exportedTo: { 'S#economic': { at: 'x' } } });
    const empty = header('65f0000000000000000000d4', { productCodes: [] });
    const { ports } = world([header(invoiceA), header(invoiceB), exported, empty]);

    // Act
    const accepted = await acceptExport(ports, {
      ...request,
      options: { reseller: resellerId, invoicesToOmit: [invoiceB] },
    });

    // Assess
    expect(accepted.answer).toEqual({ success: true, total: 2, exported: 1, exportId });
    expect(ports.exports.createExportJob).toHaveBeenCalledWith(
      expect.objectContaining({ options: expect.objectContaining({ invoicesToOmit: [invoiceB] }) }),
      [[invoiceA]],
    );
  });

  it('goes to the platform’s books in adminMode: its integration, its mark, the reseller as customer', async () => {
    // Prepare: the invoice is in the reseller's books already, not in the platform's, whose
    // master data knows the reseller (900) and not the invoice's customer
    const { ports } = world([header(invoiceA, { exportedTo: { 'S#economic': { at: 'x' } } })], {
      customer: customer(),
      masterData: {
        ...masterData,
        customers: new Map([['900', { number: '900', name: 'Telco', barred: false }]]),
      },
    });

    // Act
    const accepted = await acceptExport(ports, {
      ...request,
      options: { reseller: resellerId, adminMode: true },
    });

    // Assess
    expect(ports.integrations.getIntegration).toHaveBeenCalledExactlyOnceWith(
      { kind: 'platform' },
      'economic',
    );
    expect(ports.credentials.loadCredentials).toHaveBeenCalledExactlyOnceWith(
      { kind: 'platform' },
      'economic',
    );
    expect(accepted.answer).toEqual({ success: true, total: 1, exported: 1, exportId });
    expect(ports.exports.createExportJob).toHaveBeenCalledWith(
      expect.objectContaining({ options: expect.objectContaining({ adminMode: true }) }),
      [[invoiceA]],
    );
  });

  it.each([
    [false, 'S#economic:external-licenses', 'the invoice proper, after its external-licence lines went'],
    [true, 'S#economic', 'the external-licence lines, after the invoice proper went'],
  ] as const)(
    'exports one document of an invoice whatever the other did (externalLicenses %s): %s',
    async (externalLicenses, otherDocument, _what) => {
      // Prepare: the invoice has both documents; the other one is in the books already, this one is not
      const both = header(invoiceA, {
        productCodes: ['P1'],
        externalLicenseProductCodes: ['P1'],
        exportedTo: { [otherDocument]: { at: 'x' } },
      });
      const sameDocument = header(invoiceB, {
        productCodes: ['P1'],
        externalLicenseProductCodes: ['P1'],
        exportedTo: { [externalLicenses ? 'S#economic:external-licenses' : 'S#economic']: { at: 'x' } },
      });
      const { ports } = world([both, sameDocument]);

      // Act
      const accepted = await acceptExport(ports, {
        ...request,
        options: { reseller: resellerId, externalLicenses },
      });

      // Assess
      expect(accepted.answer).toEqual({ success: true, total: 1, exported: 1, exportId });
      expect(ports.exports.createExportJob).toHaveBeenCalledWith(
        expect.objectContaining({ options: expect.objectContaining({ externalLicenses }) }),
        [[invoiceA]],
      );
    },
  );

  it('reports every problem at once as 422 multiple, and records nothing', async () => {
    // Prepare
    const { ports } = world([header(invoiceA, { productCodes: ['P1', 'GONE'] })], { customer: customer() });

    // Act
    const refused = acceptExport(ports, { ...request, options: { reseller: resellerId } });

    // Assess
    await expect(refused).rejects.toEqual(
      new Refusal(422, 'multiple', '2 problem(s) must be fixed before these invoices can be exported', [
        new Refusal(422, 'finance.accountingSystemId', 'Accounting system ID is not found for: Kunde A/S'),
        new Refusal(422, 'economic.product', 'Product not found in e-conomic with product code: GONE'),
      ]),
    );
    expect(ports.exports.createExportJob).not.toHaveBeenCalled();
    expect(ports.queue.sendExportRequest).not.toHaveBeenCalled();
  });

  it('checks e-conomic due dates on the invoices’ Danish dates, with the integration’s default days of credit', async () => {
    // Prepare: the customer on dueDate terms; one invoice (1 November in Denmark) without a due
    // date, one whose due date (30 November in Denmark) is its own
    const onDueDateTerms: MasterData = {
      ...masterData,
      customers: new Map([
        [
          '100',
          {
            number: '100',
            name: 'Kunde',
            barred: false,
            paymentTerms: { number: 4, name: 'Forfaldsdato', type: 'dueDate' },
          },
        ],
      ]),
    };
    const headers = [header(invoiceA), header(invoiceB, { dueDate: '2026-11-29T23:00:00.000Z' })];
    const refusing = world([header(invoiceA), headers[1]!], { masterData: onDueDateTerms });
    const defaulted = world(headers, {
      masterData: onDueDateTerms,
      integration: settings({ defaultDaysOfCredit: 8 }),
    });
    const ownOnly = world([headers[1]!], { masterData: onDueDateTerms });

    // Act
    const refused = acceptExport(refusing.ports, { ...request, options: { reseller: resellerId } });
    const accepted = await acceptExport(defaulted.ports, { ...request, options: { reseller: resellerId } });
    const own = await acceptExport(ownOnly.ports, { ...request, options: { reseller: resellerId } });

    // Assess
    await expect(refused).rejects.toEqual(
      new Refusal(422, 'multiple', '1 problem(s) must be fixed before these invoices can be exported', [
        new Refusal(
          422,
          'economic.paymentTerms',
          'Payment terms 4 "Forfaldsdato" (type dueDate) need a due date, and an invoice has none and no defaultDaysOfCredit is set on the e-conomic integration: Kunde A/S',
        ),
      ]),
    );
    expect(refusing.ports.exports.createExportJob).not.toHaveBeenCalled();
    expect(refusing.ports.queue.sendExportRequest).not.toHaveBeenCalled();
    expect(accepted.outcome).toBe('queued');
    expect(own.outcome).toBe('queued');
  });

  describe('VAT-exempt lines on Uniconta (uniconta.exemptVatCode)', () => {
    const uniconta = { ...request, system: 'uniconta' } as const;
    const exempt = { exempt: ['GEBYR'], liable: ['P1'] };

    it('refuses, one problem per invoice, invoices with VAT-exempt lines when the integration has no exempt code', async () => {
      // Prepare: B bills its external licences VAT-exempt, which this export does not send
      const { ports } = world(
        [
          header(invoiceA, { productVat: exempt }),
          header(invoiceB, { productVat: { exempt: [], liable: ['P1'] }, externalLicenseProductVat: exempt }),
        ],
        { integration: settings({ system: 'uniconta' }) },
      );

      // Act
      const refused = acceptExport(ports, { ...uniconta, options: { reseller: resellerId } });

      // Assess
      await expect(refused).rejects.toEqual(
        new Refusal(422, 'multiple', '1 problem(s) must be fixed before these invoices can be exported', [
          new Refusal(
            422,
            'uniconta.exemptVatCode',
            `Invoice ${invoiceA} has VAT-exempt lines, and the Uniconta integration has no VAT code for them (exemptVatCode)`,
          ),
        ]),
      );
      expect(ports.exports.createExportJob).not.toHaveBeenCalled();
    });

    it('accepts them once the integration has its exempt code', async () => {
      // Prepare
      const { ports } = world([header(invoiceA, { productVat: exempt })], {
        integration: settings({ system: 'uniconta', exemptVatCode: 'UFRI' }),
      });

      // Act
      const accepted = await acceptExport(ports, { ...uniconta, options: { reseller: resellerId } });

      // Assess
      expect(accepted.outcome).toBe('queued');
    });
  });

  describe('Uniconta field rules (uniconta.field)', () => {
    const uniconta = { ...request, system: 'uniconta' } as const;
    const line = (description: string) => ({
      productNumber: 'P1',
      description,
      quantity: 1,
      unitNetPrice: 1,
      vatExempt: false,
    });

    it('refuses up front a line text over Uniconta’s limit, naming the field, the invoice and the customer (trimmed); records nothing', async () => {
      // Prepare: the customer's name has surrounding spaces (stored before names were trimmed)
      const { ports } = world([header(invoiceA), header(invoiceB)], {
        customer: { ...customer('100'), name: '  Kunde A/S ' },
        integration: settings({ system: 'uniconta' }),
        draftTexts: (invoice) => ({
          heading: `  Faktura ${invoice}  `,
          lines: invoice === invoiceB ? [line('  Nummerleje  '), line('x'.repeat(251))] : [line(' Plan ')],
        }),
      });

      // Act
      const refused = acceptExport(ports, { ...uniconta, options: { reseller: resellerId } });

      // Assess
      await expect(refused).rejects.toEqual(
        new Refusal(422, 'multiple', '1 problem(s) must be fixed before these invoices can be exported', [
          new Refusal(
            422,
            'uniconta.field',
            `Field lines[1].Text of invoice ${invoiceB} (Kunde A/S) cannot be sent to Uniconta: 251 characters, Uniconta takes at most 250`,
          ),
        ]),
      );
      expect(ports.exports.createExportJob).not.toHaveBeenCalled();
      expect(ports.queue.sendExportRequest).not.toHaveBeenCalled();
    });

    it('maps each invoice as the batch will: its reference, price column and options', async () => {
      // Prepare
      const { ports } = world([header(invoiceA)], { integration: settings({ system: 'uniconta' }) });

      // Act
      await acceptExport(ports, { ...uniconta, options: { reseller: resellerId, groupInvoiceLines: true } });

      // Assess
      expect(ports.invoices.getInvoices).toHaveBeenCalledExactlyOnceWith(resellerId, [invoiceA]);
      expect(ports.draftOrderOf).toHaveBeenCalledExactlyOnceWith(expect.objectContaining({ id: invoiceA }), {
        reference: `FK-${exportId}-${invoiceA}`,
        customerNumber: '100',
        priceColumn: 'price',
        groupInvoiceLines: true,
        externalLicenses: false,
      });
      expect(ports.exports.createExportJob).toHaveBeenCalledWith(expect.objectContaining({ id: exportId }), [
        [invoiceA],
      ]);
    });

    it('reads the invoices while the accounting system’s master data is still being read', async () => {
      // Prepare: the master data answers only once the invoices are being read (after it, never)
      const { ports, accounting } = world([header(invoiceA)], {
        integration: settings({ system: 'uniconta' }),
      });
      let invoicesAsked: () => void = () => undefined;
      const asked = new Promise<void>((resolve) => {
        invoicesAsked = resolve;
      });
      const readInvoices = ports.invoices.getInvoices.getMockImplementation()!;
      ports.invoices.getInvoices.mockImplementationOnce(async (...args) => {
        invoicesAsked();
        return readInvoices(...args);
      });
      accounting.loadMasterData.mockImplementationOnce(async () => {
        await asked;
        return masterData;
      });

      // Act
      const accepted = await acceptExport(ports, { ...uniconta, options: { reseller: resellerId } });

      // Assess
      expect(accepted.outcome).toBe('queued');
      expect(ports.invoices.getInvoices).toHaveBeenCalledExactlyOnceWith(resellerId, [invoiceA]);
    });

    it('stops reading invoices once the master data read has failed, and answers the failure', async () => {
      // Prepare: 500 invoices (ten reads of fifty); the first reads are held until the request has failed
      const ids = Array.from({ length: 500 }, (_, n) => `65f0000000000000000${String(n).padStart(5, '0')}`);
      const { ports, accounting } = world(
        ids.map((id) => header(id)),
        { integration: settings({ system: 'uniconta' }) },
      );
      let requestFailed: () => void = () => undefined;
      const failed = new Promise<void>((resolve) => {
        requestFailed = resolve;
      });
      const readInvoices = ports.invoices.getInvoices.getMockImplementation()!;
      ports.invoices.getInvoices.mockImplementation(async (...args) => {
        await failed;
        return readInvoices(...args);
      });
      accounting.loadMasterData.mockRejectedValueOnce(new AccountingUnavailable('Uniconta answered 503'));

      // Act
      const refused = acceptExport(ports, { ...uniconta, options: { reseller: resellerId } });
      await expect(refused).rejects.toBeInstanceOf(Refusal);
      requestFailed();
      await new Promise((resolve) => setTimeout(resolve, 10));

      // Assess: the reads under way when it failed, and none after
      expect(ports.invoices.getInvoices).toHaveBeenCalledTimes(4);
      expect(ports.exports.createExportJob).not.toHaveBeenCalled();
    });

    it('reads the invoices fifty to a batched read', async () => {
      // Prepare
      const ids = Array.from({ length: 120 }, (_, n) => `65f0000000000000000${String(n).padStart(5, '0')}`);
      const { ports } = world(
        ids.map((id) => header(id)),
        { integration: settings({ system: 'uniconta' }) },
      );

      // Act
      await acceptExport(ports, { ...uniconta, options: { reseller: resellerId } });

      // Assess
      expect(ports.invoices.getInvoices.mock.calls.map(([, asked]) => asked)).toEqual([
        ids.slice(0, 50),
        ids.slice(50, 100),
        ids.slice(100),
      ]);
      expect(ports.draftOrderOf).toHaveBeenCalledTimes(120);
    });

    it('adds its own calls to today’s count and refuses an export that needs more calls than remain (uniconta.allowance, with the figures); records nothing', async () => {
      // Prepare: 4,995 calls counted today (Danish day of the fixed clock); the request itself makes 3
      const { ports, accounting } = world([header(invoiceA), header(invoiceB)], {
        integration: settings({ system: 'uniconta' }),
      });
      Object.assign(accounting, { callsNotYetCounted: vi.fn(() => 3) });
      ports.accountingCalls.days.set(`${resellerId}#uniconta#2026-11-15`, 4_995);

      // Act
      const refused = acceptExport(ports, { ...uniconta, options: { reseller: resellerId } });

      // Assess: 2 invoices need 4 calls, and the VAT tables of their one batch 4; 5,000 − 4,998 = 2 remain
      await expect(refused).rejects.toEqual(
        new Refusal(422, 'multiple', '1 problem(s) must be fixed before these invoices can be exported', [
          new Refusal(
            422,
            'uniconta.allowance',
            "The export needs 8 Uniconta calls, and 2 of today's allowance of 5,000 remain (4,998 used on 2026-11-15, Danish time); Uniconta's count starts again at midnight",
          ),
        ]),
      );
      expect(ports.accountingCalls.addAccountingCalls).toHaveBeenCalledExactlyOnceWith(
        { kind: 'reseller', reseller: resellerId },
        'uniconta',
        '2026-11-15',
        3,
      );
      expect(ports.exports.createExportJob).not.toHaveBeenCalled();
      expect(ports.queue.sendExportRequest).not.toHaveBeenCalled();
    });

    it('queues an export whose calls fit exactly in what remains today', async () => {
      // Prepare: 4,989 + the request's 3 = 4,992 used; 8 remain, 2 invoices need 8
      const { ports, accounting } = world([header(invoiceA), header(invoiceB)], {
        integration: settings({ system: 'uniconta' }),
      });
      Object.assign(accounting, { callsNotYetCounted: vi.fn(() => 3) });
      ports.accountingCalls.days.set(`${resellerId}#uniconta#2026-11-15`, 4_989);

      // Act
      const accepted = await acceptExport(ports, { ...uniconta, options: { reseller: resellerId } });

      // Assess
      expect(accepted.outcome).toBe('queued');
      expect(ports.accountingCalls.days.get(`${resellerId}#uniconta#2026-11-15`)).toBe(4_992);
    });

    it('holds the export against the integration’s own allowance when it names one', async () => {
      // Prepare: 6,000 calls used today: over the standard 5,000, within the 20,000 bought
      const { ports, accounting } = world([header(invoiceA), header(invoiceB)], {
        integration: settings({ system: 'uniconta', dailyCallAllowance: 20_000 }),
      });
      Object.assign(accounting, { callsNotYetCounted: vi.fn(() => 3) });
      ports.accountingCalls.days.set(`${resellerId}#uniconta#2026-11-15`, 19_989);

      // Act
      const accepted = await acceptExport(ports, { ...uniconta, options: { reseller: resellerId } });
      ports.accountingCalls.days.set(`${resellerId}#uniconta#2026-11-15`, 19_990);
      const refused = acceptExport(ports, { ...uniconta, options: { reseller: resellerId } });

      // Assess: 19,992 used leaves exactly the 8 calls needed; 19,993 leaves 7
      expect(accepted.outcome).toBe('queued');
      await expect(refused).rejects.toMatchObject({
        status: 422,
        errors: [expect.objectContaining({ key: 'uniconta.allowance' })],
      });
      await refused.catch((error: Refusal) =>
        expect(error.errors?.[0]?.description).toContain("7 of today's allowance of 20,000 remain"),
      );
    });

    it('reads no invoice for an e-conomic export', async () => {
      // Prepare
      const { ports } = world();

      // Act
      await acceptExport(ports, { ...request, options: { reseller: resellerId } });

      // Assess
      expect(ports.invoices.getInvoices).not.toHaveBeenCalled();
      expect(ports.draftOrderOf).not.toHaveBeenCalled();
      // e-conomic limits calls per second, not per day: nothing is counted
      expect(ports.accountingCalls.addAccountingCalls).not.toHaveBeenCalled();
    });
  });

  it('reads the master data beside the query of the invoices, not after it', async () => {
    // Prepare: the invoices' query answers only once the master data is being read
    const { ports, accounting } = world();
    const answerHeaders = ports.invoices.invoiceHeadersInPeriod.getMockImplementation()!;
    ports.invoices.invoiceHeadersInPeriod.mockImplementation(async (...args) => {
      await vi.waitFor(() => expect(accounting.loadMasterData).toHaveBeenCalled(), { timeout: 500 });
      return answerHeaders(...args);
    });

    // Act
    const accepted = await acceptExport(ports, { ...request, options: { reseller: resellerId } });

    // Assess
    expect(accepted.outcome).toBe('queued');
    expect(accounting.verifyCredentials.mock.invocationCallOrder[0]).toBeLessThan(
      accounting.loadMasterData.mock.invocationCallOrder[0]!,
    );
  });

  it('answers 200 with nothing to export and records nothing', async () => {
    // Prepare
    const { ports } = world([]);

    // Act
    const accepted = await acceptExport(ports, { ...request, options: { reseller: resellerId } });

    // Assess
    expect(accepted).toEqual({
      outcome: 'nothing-to-export',
      answer: { success: true, total: 0, exported: 0 },
    });
    expect(ports.exports.createExportJob).not.toHaveBeenCalled();
  });

  it('adds to today’s Uniconta count the calls it made when there is nothing to export, and answers 200 if the count cannot be written', async () => {
    // Prepare: the month's one invoice is in these books already; checking the credentials and
    // reading the master data (started beside the invoices' query) made 3 calls
    const inTheBooks = [header(invoiceA, { exportedTo: { 'S#uniconta': { at: 'x' } } })];
    const unicontaWorld = () => {
      const opened = world(inTheBooks, { integration: settings({ system: 'uniconta' }) });
      Object.assign(opened.accounting, { system: 'uniconta', callsNotYetCounted: vi.fn(() => 3) });
      return opened;
    };
    const counted = unicontaWorld();
    const uncounted = unicontaWorld();
    uncounted.ports.accountingCalls.addAccountingCalls.mockRejectedValue(new Error('DynamoDB is down'));
    const uniconta = { ...request, system: 'uniconta', options: { reseller: resellerId } } as const;

    // Act
    const accepted = await acceptExport(counted.ports, uniconta);
    const despiteCount = await acceptExport(uncounted.ports, uniconta);

    // Assess
    const nothing = { outcome: 'nothing-to-export', answer: { success: true, total: 0, exported: 0 } };
    expect(accepted).toEqual(nothing);
    expect(counted.accounting.loadMasterData).toHaveBeenCalledTimes(1);
    expect(counted.ports.accountingCalls.addAccountingCalls).toHaveBeenCalledExactlyOnceWith(
      { kind: 'reseller', reseller: resellerId },
      'uniconta',
      '2026-11-15',
      3,
    );
    expect(despiteCount).toEqual(nothing);
    expect(uncounted.ports.counters.counted).toEqual({ AccountingCallsNotCounted: 3 });
  });

  it('refuses a second export of the month with 409 export_in_progress', async () => {
    // Prepare
    const { ports } = world();
    ports.exports.createExportJob.mockRejectedValue(new ExportAlreadyRunning('65f0000000000000000000ff'));

    // Act
    const refused = acceptExport(ports, { ...request, options: { reseller: resellerId } });

    // Assess
    await expect(refused).rejects.toBeInstanceOf(ExportInProgress);
    await expect(refused).rejects.toMatchObject({
      status: 409,
      key: 'export_in_progress',
      description: 'An export of 2026-11 to e-conomic is already running (65f0000000000000000000ff)',
    });
    expect(ports.queue.sendExportRequest).not.toHaveBeenCalled();
  });

  it('fails the job and frees its month when it cannot be queued', async () => {
    // Prepare
    const { ports } = world();
    const lost = new Error('SQS is down');
    ports.queue.sendExportRequest.mockRejectedValue(lost);

    // Act
    const refused = acceptExport(ports, { ...request, options: { reseller: resellerId } });

    // Assess
    await expect(refused).rejects.toBe(lost);
    expect(ports.exports.finishExportJob).toHaveBeenCalledExactlyOnceWith(
      expect.objectContaining({ id: exportId }),
      ['queued'],
      {
        status: 'failed',
        failure: { reason: 'The export could not be queued' },
        finishedAt: '2026-11-15T10:00:00.000Z',
      },
    );
  });

  it('answers 403 in our words when the integration is missing or its credentials fail', async () => {
    // Prepare
    const missing = world(undefined, { integration: undefined });
    const refusedCredentials = world();
    refusedCredentials.accounting.verifyCredentials.mockRejectedValue(
      new AccountingAuthFailed('401 from host 10.0.0.1', {
        fields: ['appSecretToken'],
        reason: 'not-accepted',
      }),
    );

    // Act
    const notSetUp = acceptExport(missing.ports, { ...request, options: { reseller: resellerId } });
    const notAccepted = acceptExport(refusedCredentials.ports, {
      ...request,
      options: { reseller: resellerId },
    });

    // Assess
    await expect(notSetUp).rejects.toEqual(
      new Refusal(403, 'economic', 'The e-conomic integration is not valid: it is not set up'),
    );
    await expect(notAccepted).rejects.toEqual(
      new Refusal(
        403,
        'economic',
        'The e-conomic integration is not valid: e-conomic did not accept the app secret token (appSecretToken)',
      ),
    );
  });

  it('answers an accounting system that cannot be reached as 503, not as bad credentials', async () => {
    // Prepare
    const down = world();
    down.accounting.verifyCredentials.mockRejectedValue(new AccountingUnavailable('GET /self answered 502'));
    const downLater = world();
    downLater.accounting.loadMasterData.mockRejectedValue(new AccountingUnavailable('timed out'));

    // Act
    const atCheck = acceptExport(down.ports, { ...request, options: { reseller: resellerId } });
    const atMasterData = acceptExport(downLater.ports, { ...request, options: { reseller: resellerId } });

    // Assess
    for (const refused of [atCheck, atMasterData]) {
      await expect(refused).rejects.toMatchObject({
        status: 503,
        key: 'accounting_unavailable',
        description: 'e-conomic could not be reached; try again in 30 seconds',
        retryAfterSeconds: 30,
      });
    }
    expect(down.ports.exports.createExportJob).not.toHaveBeenCalled();
  });

  it('answers 404 reseller or id for an unknown reseller, as it was named or not', async () => {
    // Prepare
    const { ports } = world();
    const options = { reseller: otherResellerId };

    // Act
    const named = acceptExport(ports, { ...request, options });
    const own = acceptExport(ports, { ...request, resellerNamed: false, options });

    // Assess
    await expect(named).rejects.toEqual(new Refusal(404, 'reseller', 'Reseller not found'));
    await expect(own).rejects.toEqual(new Refusal(404, 'id', 'Customer not found'));
  });
});

describe('requestExport', () => {
  const asReseller: Caller = {
    userId: 'u1',
    role: 'RESELLER',
    reseller: resellerId,
    email: 'me@telco.example',
  };
  const asAdmin: Caller = { userId: 'admin', role: 'ADMIN', email: 'not an address' };

  it.each([
    ['a RESELLER naming another reseller', asReseller, { reseller: otherResellerId }, 403, 'access_denied'],
    ['a RESELLER in adminMode', asReseller, { adminMode: true }, 403, 'access_denied'],
    ['a layout for Uniconta', asReseller, { layout: 3 }, 422, 'layout'],
    ['an ADMIN naming no reseller', asAdmin, {}, 422, 'reseller'],
  ] as const)('refuses %s', async (_case, caller, options, status, key) => {
    // Prepare
    const { ports } = world();

    // Act
    const refused = requestExport(ports, {
      caller,
      system: 'layout' in options ? 'uniconta' : 'economic',
      options,
    });

    // Assess
    await expect(refused).rejects.toMatchObject({ status, key });
    expect(ports.resellers.getReseller).not.toHaveBeenCalled();
  });

  it('exports the caller’s own reseller and reports to the caller’s address only when it is one', async () => {
    // Prepare
    const own = world();
    const admin = world();

    // Act
    await requestExport(own.ports, { caller: asReseller, system: 'economic', options: {} });
    await requestExport(admin.ports, {
      caller: asAdmin,
      system: 'economic',
      options: { reseller: resellerId },
    });

    // Assess
    expect(own.ports.exports.createExportJob).toHaveBeenCalledWith(
      expect.objectContaining({
        reseller: resellerId,
        requestedBy: { userId: 'u1', email: 'me@telco.example' },
      }),
      expect.anything(),
    );
    expect(admin.ports.exports.createExportJob).toHaveBeenCalledWith(
      expect.objectContaining({ requestedBy: { userId: 'admin' } }),
      expect.anything(),
    );
  });
});
