import type {
  AccountingPort,
  CreateDraftOptions,
  CreatedDraft,
  DeleteOutcome,
  Draft,
  DraftOrder,
} from '#app/ports/accounting';
import { AccountingRejected, AccountingThrottled, AccountingUnavailable } from '#domain/accounting-failures';
import { unicontaFaultText, unicontaField, unicontaOrderProblems } from '#domain/uniconta-fields';
import {
  backoffDelayMs,
  defaultRetryPolicy,
  type HttpMethod,
  type RetryPolicy,
  retryAfterDelayMs,
} from '../http/retry.ts';
import { asInteger, asRecords } from '../json.ts';
import { refuse } from '../refusal.ts';
import { unicontaBookings } from './bookings.ts';
import { ENTITIES, type Entity, type UnicontaAdapterOptions, unicontaEntities } from './entities.ts';
import { errorCodeOf, errorInSuccess } from './errors.ts';
import { type UnicontaReader, unicontaReader } from './reader.ts';
import { type UnicontaVatBook, unicontaOrderTotals, unicontaVatBook } from './vat-book.ts';

export type { UnicontaAdapterOptions } from './entities.ts';

/**
 * The Uniconta adapter: the "REST-like" entity API on the OData host
 * (`https://odata.uniconta.com/api/Entities/...`, surface C of the contract notes), the one whose
 * write endpoints Uniconta documents and that needs no partner API key. HTTP Basic auth as
 * `00<CompanyId>/<UserLoginId>:<password>`.
 *
 * A draft is a sales order: a `DebtorOrderClient` header and its `DebtorOrderLineClient` lines.
 * No documented call creates both at once, and Uniconta has no idempotency key, so:
 *
 * createDraft (2 calls when all goes well):
 *   1. `Insert/DebtorOrderClient` {Account, YourRef = our reference, Currency, Remark = heading};
 *   2. ONE `InsertList/DebtorOrderLineClient` [{OrderNumber, Item, Text, Qty, Price, Vat?}, …]:
 *      a VAT-exempt line carries the integration's exempt VAT code (Uniconta takes the line's code
 *      before the item group's); the others take their item group's.
 *   - The draft's amounts are computed from the lines as Uniconta answered them and its own VAT
 *     tables (vat-book.ts), read once per adapter (4 calls), for the export to check.
 *   - Remark and Text go as #domain/uniconta-fields gives them: trimmed, left out when empty; a
 *     text too long for its field, or with a character Uniconta cannot store, is refused before
 *     any call (AccountingRejected naming the field), never cut.
 *   - An insert whose outcome is unknown (5xx, timeout, dropped connection, 429) is never simply
 *     sent again: the adapter first looks (header by YourRef, lines by OrderNumber) and only
 *     inserts again if nothing is there; a partial set of lines is removed before.
 *   - If the lines cannot be inserted, the header is deleted again (no half order is left) and
 *     the error is thrown. If even that fails, AccountingUnavailable says so: a later createDraft
 *     with the same reference finds the header and completes it.
 *   - Unless `firstAttempt` says no earlier call can have reached Uniconta, createDraft looks the
 *     reference up first (one more call) and completes or returns what it finds.
 *
 * deleteDraft: read the order by OrderNumber and check its YourRef (numbers can be reused), read
 * its lines, `DeleteList` the lines, `Delete` the order (the entity JSON as read), then query again
 * to confirm nothing with our reference or number is left. Missing, or now someone else's:
 * 'already-gone', after confirming by YourRef that our reference is nowhere else.
 *
 * Master data, credentials and VAT codes are read by the reader (reader.ts), over the same
 * connection (entities.ts); this adds the drafts.
 */

export interface UnicontaAdapter extends Omit<AccountingPort, 'vatCodeRate'>, UnicontaReader {
  readonly system: 'uniconta';
}

export const createUnicontaAdapter = (options: UnicontaAdapterOptions): UnicontaAdapter => {
  const entities = unicontaEntities(options);
  const { http, query } = entities;
  const policy: RetryPolicy = { ...defaultRetryPolicy, ...options.retry };
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const random = options.random ?? Math.random;
  const attempted = new Set<string>();

  /** A write; `gone` (404 CouldNotFind) is returned for deletes, where absence is an answer. */
  const write = async (
    method: HttpMethod,
    action: 'Insert' | 'InsertList' | 'Delete' | 'DeleteList',
    entity: string,
    body: unknown,
    operation: string,
  ): Promise<{ readonly body: unknown; readonly gone: boolean }> => {
    const path = `${ENTITIES}/${action}/${entity}`;
    const deleting = action === 'Delete' || action === 'DeleteList';
    const response = await http.request({
      method,
      path,
      body,
      operation,
      ...(deleting ? { allowStatus: [404] } : {}),
    });
    if (response.status === 404) return { body: response.body, gone: true };
    const hidden = errorInSuccess(`Uniconta ${method} ${path}`, response.status, response.body);
    // A delete told "CouldNotFind" (even as a 2xx text) has nothing left to do.
    if (deleting && hidden instanceof AccountingRejected && errorCodeOf(hidden) === 'CouldNotFind') {
      return { body: response.body, gone: true };
    }
    if (hidden) throw hidden;
    return { body: response.body, gone: false };
  };

  /**
   * Sends a write that Uniconta cannot deduplicate. When its outcome is unknown, `settle` looks at
   * what is there: a value ends it (the write had happened, or is no longer needed); undefined
   * means "not there", and only then is the write sent again, after a backoff.
   */
  const unduplicated = async <T>(
    send: () => Promise<T>,
    settle: () => Promise<T | undefined>,
  ): Promise<T> => {
    for (let attempt = 1; ; attempt += 1) {
      try {
        return await send();
      } catch (error) {
        if (!(error instanceof AccountingUnavailable || error instanceof AccountingThrottled)) throw error;
        const settled = await settle();
        if (settled !== undefined) return settled;
        const retryAfter = error instanceof AccountingThrottled ? error.retryAfterSeconds : undefined;
        if (attempt >= policy.maxAttempts) throw error;
        if (retryAfter !== undefined && retryAfter * 1000 > policy.maxRetryAfterMs) throw error;
        await sleep(
          retryAfter === undefined
            ? backoffDelayMs(attempt, policy, random)
            : retryAfterDelayMs(retryAfter, policy, random),
        );
      }
    }
  };

  const ordersByReference = async (reference: string, operation: string): Promise<Entity[]> =>
    (await query('DebtorOrderClient', operation, ['YourRef', reference]))
      .filter((order) => order.YourRef === reference && asInteger(order.OrderNumber) !== undefined)
      .sort((a, b) => (asInteger(a.OrderNumber) as number) - (asInteger(b.OrderNumber) as number));

  const orderByNumber = async (orderNumber: number, operation: string): Promise<Entity | undefined> =>
    (await query('DebtorOrderClient', operation, ['OrderNumber', orderNumber])).find(
      (order) => asInteger(order.OrderNumber) === orderNumber,
    );

  const linesOf = async (orderNumber: number, operation: string): Promise<Entity[]> =>
    (await query('DebtorOrderLineClient', operation, ['OrderNumber', orderNumber])).filter(
      (line) => asInteger(line.OrderNumber) === orderNumber,
    );

  const deleteLines = async (
    orderNumber: number,
    lines: readonly Entity[],
    operation: string,
  ): Promise<void> => {
    if (lines.length === 0) return;
    await unduplicated(
      async () => {
        await write('DELETE', 'DeleteList', 'DebtorOrderLineClient', lines, operation);
        return true;
      },
      async () => ((await linesOf(orderNumber, operation)).length === 0 ? true : undefined),
    );
  };

  /** Lines first (Uniconta may refuse to delete an order that has lines), then the order, as read. */
  const removeOrder = async (order: Entity, operation: string): Promise<void> => {
    const orderNumber = asInteger(order.OrderNumber) as number;
    await deleteLines(orderNumber, await linesOf(orderNumber, operation), operation);
    await unduplicated(
      async () => {
        const { gone } = await write('DELETE', 'Delete', 'DebtorOrderClient', order, operation);
        // 404: someone else deleted it in between; either way it is gone.
        return gone || true;
      },
      async () =>
        (await orderByNumber(orderNumber, operation))?.YourRef === order.YourRef ? undefined : true,
    );
  };

  // ------------------------------------------------------------------ VAT

  /** Uniconta's VAT tables, read once per adapter (an export lane) when the first draft needs them; a failed read is forgotten. */
  let vatBookRead: Promise<UnicontaVatBook> | undefined;
  const vatBook = (): Promise<UnicontaVatBook> => {
    if (!vatBookRead) {
      const operation = 'readVatTables';
      const reading = Promise.all([
        query('GLVatClient', operation),
        query('InvGroupClient', operation),
        query('InvItemClient', operation),
        query('DebtorClient', operation),
      ]).then(([vatCodes, groups, items, debtors]) => unicontaVatBook({ vatCodes, groups, items, debtors }));
      vatBookRead = reading;
      reading.catch(() => {
        if (vatBookRead === reading) vatBookRead = undefined;
      });
    }
    return vatBookRead;
  };

  const createdDraft = async (
    orderNumber: number,
    order: DraftOrder,
    lines: readonly Entity[],
  ): Promise<CreatedDraft> => ({
    number: String(orderNumber),
    reference: order.reference,
    totals: unicontaOrderTotals(await vatBook(), order.customerNumber, lines),
  });

  // ------------------------------------------------------------------ port operations

  /** A text as Uniconta gets it (#domain/uniconta-fields): trimmed, or left out when empty; checkOrder ran before. */
  const sent = (field: 'Remark' | 'Text', raw: string): string | undefined => {
    const outcome = unicontaField(field, raw);
    return outcome.ok ? outcome.value : raw;
  };

  const checkOrder = (order: DraftOrder): void => {
    // The export checks these before it starts (uniconta.field); this is the last line, so that
    // nothing Uniconta cannot store as given is ever sent, and nothing is cut on the way.
    const [unfit] = unicontaOrderProblems(order);
    if (unfit) throw refuse(`${unfit.field}: ${unicontaFaultText(unfit)}`, { field: unfit.field });
    if (order.reference.trim() === '')
      throw refuse('Our reference (YourRef) must not be empty', { field: 'YourRef' });
    if (order.customerNumber.trim() === '') throw refuse('The debtor account is empty', { field: 'Account' });
    order.lines.forEach((line, index) => {
      if (line.vatExempt && !options.exemptVatCode) {
        throw refuse(
          `lines[${index}] is VAT-exempt, and the integration has no VAT code for VAT-exempt lines (exemptVatCode)`,
          { field: `lines[${index}].Vat` },
        );
      }
      if (line.productNumber.trim() === '') {
        throw refuse(`lines[${index}]: the item is empty`, { field: `lines[${index}].Item` });
      }
      for (const [field, value] of [
        ['Qty', line.quantity],
        ['Price', line.unitNetPrice],
      ] as const) {
        if (!Number.isFinite(value)) {
          throw refuse(`lines[${index}].${field} is not a number`, {
            field: `lines[${index}].${field}`,
            value,
          });
        }
      }
    });
  };

  const insertHeader = async (order: DraftOrder, operation: string): Promise<Entity> => {
    const remark = sent('Remark', order.heading);
    const header = {
      Account: order.customerNumber,
      // Ours (FK-<export>-<invoice>, no white space), and the key the order is found by again: as is.
      YourRef: order.reference,
      Currency: order.currency,
      ...(remark === undefined ? {} : { Remark: remark }),
    };
    const findIt = async () => (await ordersByReference(order.reference, operation))[0];
    return unduplicated(async () => {
      const { body } = await write('POST', 'Insert', 'DebtorOrderClient', header, operation);
      const inserted = body && typeof body === 'object' ? (body as Entity) : undefined;
      if (inserted && asInteger(inserted.OrderNumber)) return inserted;
      // 204 without a body (seen in the wild): the reference tells the number.
      const found = await findIt();
      if (found) return found;
      throw new AccountingUnavailable(
        `Uniconta accepted the order ${order.reference} but neither said its number nor lists it`,
      );
    }, findIt);
  };

  /** The lines onto the order; the lines as Uniconta stored them (its answer, or read when it gave none). */
  const insertLines = async (
    orderNumber: number,
    order: DraftOrder,
    operation: string,
  ): Promise<Entity[]> => {
    const lines = order.lines.map((line) => {
      const text = sent('Text', line.description);
      return {
        OrderNumber: orderNumber,
        Item: line.productNumber,
        ...(text === undefined ? {} : { Text: text }),
        Qty: line.quantity + 0,
        Price: line.unitNetPrice + 0,
        ...(line.vatExempt ? { Vat: options.exemptVatCode } : {}),
      };
    });
    return unduplicated(
      async () => {
        const { body } = await write('POST', 'InsertList', 'DebtorOrderLineClient', lines, operation);
        const stored = asRecords(body);
        return stored.length === lines.length ? stored : linesOf(orderNumber, operation);
      },
      async () => {
        const present = await linesOf(orderNumber, operation);
        if (present.length === lines.length) return present;
        // Some but not all: take them away, and insert the list again.
        await deleteLines(orderNumber, present, operation);
        return undefined;
      },
    );
  };

  /** Lines onto a header; if that fails, the header goes again so that no half order is left. */
  const completeOrder = async (
    header: Entity,
    order: DraftOrder,
    operation: string,
  ): Promise<CreatedDraft> => {
    const orderNumber = asInteger(header.OrderNumber) as number;
    if (order.lines.length === 0) return createdDraft(orderNumber, order, []);
    let stored: Entity[];
    try {
      stored = await insertLines(orderNumber, order, operation);
    } catch (error) {
      try {
        await removeOrder(header, operation);
      } catch (rollback) {
        throw new AccountingUnavailable(
          `Uniconta order ${orderNumber} (${order.reference}) got no lines (${(error as Error).message}), and deleting it again failed (${(rollback as Error).message}); a retry of createDraft finds and completes it`,
          { cause: error },
        );
      }
      throw error;
    }
    return createdDraft(orderNumber, order, stored);
  };

  const createDraft = async (
    order: DraftOrder,
    idempotencyKey: string,
    createOptions: CreateDraftOptions = {},
  ): Promise<CreatedDraft> => {
    const operation = 'createDraft';
    checkOrder(order);
    const mayExist = !createOptions.firstAttempt || attempted.has(idempotencyKey);
    attempted.add(idempotencyKey);
    if (mayExist) {
      const existing = (await ordersByReference(order.reference, operation))[0];
      if (existing) {
        const orderNumber = asInteger(existing.OrderNumber) as number;
        const lines = await linesOf(orderNumber, operation);
        if (lines.length === order.lines.length) return createdDraft(orderNumber, order, lines);
        await deleteLines(orderNumber, lines, operation);
        return completeOrder(existing, order, operation);
      }
    }
    const header = await insertHeader(order, operation);
    return completeOrder(header, order, operation);
  };

  const findDraftByReference = async (reference: string): Promise<Draft | undefined> => {
    const found = (await ordersByReference(reference, 'findDraftByReference'))[0];
    return found ? { number: String(asInteger(found.OrderNumber)), reference } : undefined;
  };

  const deleteDraft = async (draft: Draft): Promise<DeleteOutcome> => {
    const operation = 'deleteDraft';
    const orderNumber = asInteger(draft.number);
    if (orderNumber === undefined || orderNumber === 0) {
      throw refuse(`"${draft.number}" is not a Uniconta order number`, {
        field: 'OrderNumber',
        value: draft.number,
      });
    }
    if (draft.reference.trim() === '')
      throw refuse('Our reference (YourRef) must not be empty', { field: 'YourRef' });

    const order = await orderByNumber(orderNumber, operation);
    if (!order || order.YourRef !== draft.reference) {
      // Gone, or the number now belongs to another order: is our reference anywhere else?
      const elsewhere = await ordersByReference(draft.reference, operation);
      for (const other of elsewhere) await removeOrder(other, operation);
      return elsewhere.length === 0 ? 'already-gone' : 'deleted';
    }

    await removeOrder(order, operation);

    // Confirm: nothing with our reference, and no line left on our number (unless it is someone else's now).
    const [left, lines] = await Promise.all([
      ordersByReference(draft.reference, operation),
      linesOf(orderNumber, operation),
    ]);
    for (const other of left) await removeOrder(other, operation);
    if (lines.length > 0 && !(await orderByNumber(orderNumber, operation))) {
      await deleteLines(orderNumber, lines, operation);
    }
    return 'deleted';
  };

  return {
    ...unicontaReader(entities),
    createDraft,
    findDraftByReference: async (reference) => {
      if (reference.trim() === '')
        throw refuse('Our reference (YourRef) must not be empty', { field: 'YourRef' });
      return findDraftByReference(reference);
    },
    deleteDraft: (draft) => deleteDraft(draft),
    readBookings: async () => {
      // The entity API filters by one exact value and does not page: three reads of everything
      // (orders, invoices, open items) cost less of the daily allowance than one per invoice.
      const operation = 'readBookings';
      const [orders, invoices, openItems] = await Promise.all([
        query('DebtorOrderClient', operation),
        query('DebtorInvoiceClient', operation),
        query('DebtorTransOpenClient', operation),
      ]);
      return unicontaBookings(orders, invoices, openItems);
    },
  };
};
