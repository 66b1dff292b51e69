/**
 * In-memory ports for the use case tests: each keeps what it was given and answers as the real
 * adapter would, every function a vi.fn() so that a test can assert the exact calls.
 */
import { vi } from 'vitest';
import type { AcceptExportPorts } from '#app/exports/request-export';
import type {
  AccountingPort,
  AccountingSystems,
  CreatedDraft,
  Draft,
  DraftOrder,
  DraftOrderOptions,
  MasterData,
} from '#app/ports/accounting';
import type { Clock } from '#app/ports/clock';
import type { AccountingCallCounter } from '#app/ports/export-store';
import type { Ids } from '#app/ports/ids';
import type { Counters, Log } from '#app/ports/observability';
import type { ExportableInvoiceHeader } from '#app/ports/store';
import type { BookedInvoice } from '#domain/booking-sync';
import type { Customer } from '#domain/customer';
import type { DraftTotals } from '#domain/draft-totals';
import type { ExportJob, ExportStatus, LedgerEntry } from '#domain/export-job';
import type { AccountingSystemName, IntegrationOwner, IntegrationSettings } from '#domain/integration';
import type { Invoice } from '#domain/invoice/model';
import type { Reseller } from '#domain/reseller';
import { exportJob } from '../../../domain/tests/unit/export-job-fixture.ts';

export const resellerId = 'aaaaaaaaaaaaaaaaaaaaaaaa';
export const otherResellerId = 'cccccccccccccccccccccccc';
export const exportId = '65f000000000000000000001';

export const fixedClock = (iso = '2026-11-15T10:00:00.000Z'): Clock => ({ now: () => new Date(iso) });

export const fixedIds = (id = exportId): Ids => ({ newId: vi.fn(() => id) });

export const silentLog = (): Log => ({ info: vi.fn(), warn: vi.fn(), error: vi.fn() });

export const counting = (): Counters & { counted: Record<string, number> } => {
  const counted: Record<string, number> = {};
  return {
    counted,
    count: vi.fn((name: string, value = 1) => {
      counted[name] = (counted[name] ?? 0) + value;
    }),
  };
};

export const reseller = (overrides: Partial<Reseller> = {}): Reseller => ({
  id: resellerId,
  name: 'Telco ApS',
  email: 'staff@telco.example',
  language: 'da',
  finance: { accountingEmail: 'books@telco.example', accountingSystemId: '900' },
  createdAt: '2026-01-01T00:00:00.000Z',
  updatedAt: '2026-01-01T00:00:00.000Z',
  ...overrides,
});

/** The domain's export job fixture, as this export of this reseller, running. */
export const job = (overrides: Partial<ExportJob> = {}): ExportJob =>
  exportJob({
    id: exportId,
    reseller: resellerId,
    status: 'running',
    requestedBy: { userId: 'u1', email: 'asker@telco.example' },
    ...overrides,
  });

export const sagaInput = { exportId, reseller: resellerId, system: 'economic' } as const;

/**
 * The export's records as the store keeps them: the job (its status guarding the conditional
 * writes as DynamoDB's conditions do), its batches and its ledger, keyed by invoice.
 */
export const exportRecords = (initial: ExportJob, batches: readonly (readonly string[])[] = []) => {
  let current: ExportJob | undefined = initial;
  const ledger = new Map<string, LedgerEntry>();
  const move = (from: readonly ExportStatus[], changes: Partial<ExportJob>) => {
    if (!current || !from.includes(current.status)) return false;
    current = { ...current, ...changes };
    return true;
  };
  const store = {
    ledger,
    get job() {
      return current;
    },
    set job(value: ExportJob | undefined) {
      current = value;
    },
    createExportJob: vi.fn(async () => {}),
    getExportJob: vi.fn(async () => current),
    updateExportJob: vi.fn(
      async (_job: unknown, from: readonly ExportStatus[], changes: Partial<ExportJob>) =>
        move(from, changes),
    ),
    finishExportJob: vi.fn(
      async (_job: unknown, from: readonly ExportStatus[], changes: Partial<ExportJob>) =>
        move(from, changes),
    ),
    getExportBatch: vi.fn(async (_reseller: string, _id: string, index: number) =>
      batches[index] ? { index, invoices: batches[index]! } : undefined,
    ),
    getLedger: vi.fn(async () => [...ledger.values()]),
    getLedgerEntries: vi.fn(
      async (_reseller: string, _id: string, invoices: readonly string[]) =>
        new Map(
          invoices.flatMap((invoice) =>
            ledger.has(invoice) ? [[invoice, ledger.get(invoice)!] as const] : [],
          ),
        ),
    ),
    recordLedger: vi.fn(async (_reseller: string, _id: string, entry: LedgerEntry) => {
      ledger.set(entry.invoice, entry);
    }),
    recordLedgerEntriesWhileRunning: vi.fn(async (_job: unknown, entries: readonly LedgerEntry[]) => {
      if (current?.status !== 'running') return false;
      for (const entry of entries) ledger.set(entry.invoice, entry);
      return true;
    }),
  };
  return store;
};

/**
 * An accounting system that keeps its drafts: numbers from 1, findable by reference. It decides a
 * draft's amounts as the invoice has them, unless `decide` says otherwise (a system whose VAT rule differs).
 */
export const accountingSystem = (
  masterData: MasterData = { customers: new Map(), products: new Map() },
  decide: (order: DraftOrder) => DraftTotals = (order) => order.totals,
) => {
  const drafts = new Map<string, CreatedDraft>();
  /** What a bookkeeper booked (tests push here); a booked draft is no longer among the drafts. */
  const booked: BookedInvoice[] = [];
  let next = 1;
  const port = {
    system: 'economic' as const,
    drafts,
    booked,
    readBookings: vi.fn(async () => ({ draftReferences: new Set(drafts.keys()), booked: [...booked] })),
    verifyCredentials: vi.fn(async () => {}),
    loadMasterData: vi.fn(async () => masterData),
    createDraft: vi.fn(async (order: DraftOrder) => {
      const existing = drafts.get(order.reference);
      if (existing) return existing;
      const draft = { number: String(next++), reference: order.reference, totals: decide(order) };
      drafts.set(order.reference, draft);
      return draft;
    }),
    findDraftByReference: vi.fn(async (reference: string) => drafts.get(reference)),
    deleteDraft: vi.fn(async (draft: Draft) => {
      const found = drafts.get(draft.reference);
      if (!found || found.number !== draft.number) return 'already-gone' as const;
      drafts.delete(draft.reference);
      return 'deleted' as const;
    }),
  } satisfies AccountingPort & { drafts: Map<string, CreatedDraft>; booked: BookedInvoice[] };
  return port;
};

/** An integration's calls per day, in memory, as the store's ADD keeps them: `<owner>#<system>#<day>` → calls. */
export const callCounts = () => {
  const days = new Map<string, number>();
  return {
    days,
    addAccountingCalls: vi.fn(
      async (owner: IntegrationOwner, system: AccountingSystemName, day: string, calls: number) => {
        const key = `${owner.kind === 'platform' ? 'platform' : owner.reseller}#${system}#${day}`;
        const total = (days.get(key) ?? 0) + calls;
        days.set(key, total);
        return total;
      },
    ),
  } satisfies AccountingCallCounter & { days: Map<string, number> };
};

/** The deployment's systems: the real hosts and the one test host `https://sim.example`. */
export const systemsOpening = (
  port: AccountingPort,
): AccountingSystems & { open: ReturnType<typeof vi.fn> } => ({
  hostsOf: () => ({ defaultUrl: 'https://sim.example', extraUrls: [] }),
  open: vi.fn(() => port),
});

export interface AcceptingWorld {
  readonly headers: readonly ExportableInvoiceHeader[];
  readonly customer: Customer;
  readonly integration: (
    owner: IntegrationOwner,
    system: AccountingSystemName,
  ) => IntegrationSettings | undefined;
  readonly masterData: MasterData;
  /** What the mapping makes of an invoice's texts (by invoice id); default a short heading and no lines. */
  readonly draftTexts?: (invoice: string) => Pick<DraftOrder, 'heading' | 'lines'>;
}

/** Everything accepting an export reads, in memory: one reseller, its invoices, one customer, its integrations. */
export const acceptingWorld = (world: AcceptingWorld) => {
  const accounting = accountingSystem(world.masterData);
  const ports = {
    resellers: { getReseller: vi.fn(async (id: string) => (id === resellerId ? reseller() : undefined)) },
    customers: {
      getCustomers: vi.fn(
        async (_reseller: string, ids: readonly string[]) => new Map(ids.map((id) => [id, world.customer])),
      ),
    },
    invoices: {
      invoiceHeadersInPeriod: vi.fn(async () => [...world.headers]),
      getInvoices: vi.fn(
        async (_reseller: string, ids: readonly string[]) =>
          new Map(
            world.headers
              .filter((header) => ids.includes(header.id))
              .map((header) => [header.id, { invoice: { ...header, lines: [] } as unknown as Invoice }]),
          ),
      ),
    },
    draftOrderOf: vi.fn(
      (invoice: Invoice, options: DraftOrderOptions): DraftOrder => ({
        reference: options.reference,
        customerNumber: options.customerNumber,
        date: '2026-10-31',
        currency: 'DKK',
        totals: { net: 0, vat: 0, gross: 0 },
        ...(world.draftTexts?.(invoice.id) ?? { heading: `Faktura ${invoice.id}`, lines: [] }),
      }),
    ),
    exports: {
      createExportJob: vi.fn(async () => {}),
      getExportJob: vi.fn(),
      updateExportJob: vi.fn(),
      finishExportJob: vi.fn(async () => true),
    },
    integrations: {
      getIntegration: vi.fn(async (owner: IntegrationOwner, system: AccountingSystemName) =>
        world.integration(owner, system),
      ),
    },
    credentials: {
      loadCredentials: vi.fn(async () => ({
        credentials: { appSecretToken: 'secret-1', agreementGrantToken: 'grant-1' },
        origin: 'https://sim.example',
      })),
    },
    systems: systemsOpening(accounting),
    queue: { sendExportRequest: vi.fn(async () => {}) },
    accountingCalls: callCounts(),
    clock: fixedClock(),
    ids: fixedIds(),
    log: silentLog(),
    counters: counting(),
  } satisfies AcceptExportPorts;
  return { ports, accounting };
};
