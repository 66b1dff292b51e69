import { describe, expect, it, vi } from 'vitest';
import { createInvoice } from '#app/invoices/create-invoice';
import { idempotentInvoiceId } from '#app/invoices/invoice-idempotency';
import { type InvoiceInputs, InvoiceWriteConflict, type StoredInvoice } from '#app/ports/store';
import type { CreateInvoiceRequest } from '#domain/invoice/invoice-request';
import type { Product } from '#domain/product';
import { invalid, notFound, type Refusal } from '#domain/refusal';
import {
  admin,
  currentItem,
  customer,
  customerId,
  ids,
  itemId,
  newId,
  now,
  product,
  productId,
  reseller,
  resellerA,
  resellerB,
  staffOfA,
} from '../fixtures.ts';
import { refusalOf } from '../refusal.ts';

const request = (overrides: Partial<CreateInvoiceRequest> = {}): CreateInvoiceRequest => ({
  customer: customerId,
  sent: false,
  paid: false,
  lines: [{ index: 0, product: productId, units: 2 }],
  productRefs: [{ index: 0, product: productId }],
  currentInvoices: [],
  ...overrides,
});

const portsWith = ({
  products = [product()],
  items = [currentItem()],
  earlier = [] as (StoredInvoice | undefined)[],
  write = async (): Promise<void> => {},
} = {}) => {
  const catalogue = new Map<string, Product>(products.map((p) => [p.id, p]));
  return {
    invoices: {
      loadInvoiceInputs: vi.fn(
        async (
          tenant: string,
          id: string,
          productIds: readonly string[],
          itemIds: readonly string[],
        ): Promise<InvoiceInputs> => ({
          ...(tenant === resellerA ? { reseller: reseller() } : {}),
          ...(tenant === resellerA && id === customerId ? { customer: customer() } : {}),
          products: new Map(productIds.filter((p) => catalogue.has(p)).map((p) => [p, catalogue.get(p)!])),
          currentItems: new Map(
            items.filter((item) => itemIds.includes(item.id)).map((item) => [item.id, item]),
          ),
        }),
      ),
      putNewInvoice: vi.fn(write),
      getInvoice: vi.fn(async () => earlier.shift()),
    },
    directory: {
      lookUp: vi.fn(async () => ({ id: customerId, kind: 'customer' as const, reseller: resellerA })),
    },
    resellers: { getReseller: vi.fn(async (id: string) => (id === resellerA ? reseller() : undefined)) },
    products: {
      getProducts: vi.fn(
        async (wanted: readonly string[]) =>
          new Map(wanted.filter((id) => catalogue.has(id)).map((id) => [id, catalogue.get(id)!])),
      ),
    },
    clock: { now: () => now },
    ids,
  };
};

describe('createInvoice', () => {
  it('takes the reseller’s numbering from the inputs read with the customer, not from a read of its own', async () => {
    // Prepare
    const ports = portsWith();

    // Act
    await createInvoice(ports, { caller: staffOfA, request: request(), problems: [] });

    // Assess: two round trips in all (docs/performance.md), the inputs' BatchGet and the write
    expect(ports.invoices.loadInvoiceInputs).toHaveBeenCalledOnce();
    expect(ports.resellers.getReseller).not.toHaveBeenCalled();
    expect(ports.invoices.putNewInvoice).toHaveBeenCalledOnce();
  });

  it('makes the invoice from the lines and writes it with nothing consumed', async () => {
    // Prepare
    const ports = portsWith();

    // Act
    const invoice = await createInvoice(ports, { caller: staffOfA, request: request(), problems: [] });

    // Assess
    expect(invoice).toMatchObject({
      id: newId,
      reseller: resellerA,
      customer: customerId,
      createdBy: 'a@a.test',
    });
    expect(invoice.lines).toEqual([expect.objectContaining({ product: productId, units: 2, unitPrice: 25 })]);
    expect(ports.invoices.loadInvoiceInputs).toHaveBeenCalledWith(resellerA, customerId, [productId], []);
    expect(ports.invoices.putNewInvoice).toHaveBeenCalledExactlyOnceWith({
      invoice,
      consumedItems: [],
      requestHash: undefined,
    });
    expect(ports.invoices.getInvoice).not.toHaveBeenCalled();
  });

  it('bills one-off items after the lines, with their products read when no line has them', async () => {
    // Prepare
    const other = product({ id: '65f000000000000000000202', unitPrice: 7 });
    const item = currentItem({ product: other.id, units: 3 });
    const ports = portsWith({ products: [product(), other], items: [item] });

    // Act
    const invoice = await createInvoice(ports, {
      caller: staffOfA,
      request: request({ currentInvoices: [itemId] }),
      problems: [],
    });

    // Assess
    expect(ports.products.getProducts).toHaveBeenCalledWith([other.id]);
    expect(invoice.lines.map((line) => [line.product, line.units])).toEqual([
      [productId, 2],
      [other.id, 3],
    ]);
    expect(ports.invoices.putNewInvoice).toHaveBeenCalledWith(
      expect.objectContaining({ consumedItems: [item] }),
    );
  });

  it('reports the reading’s problems and the store’s together, in the request’s order', async () => {
    // Prepare
    const recurring = currentItem({ id: '65f000000000000000000302', recurrence: 'MONTHLY' });
    const locked = currentItem({ id: '65f000000000000000000303', locked: true });
    const ports = portsWith({ products: [product({ barred: true })], items: [recurring, locked] });
    const read: Refusal[] = [
      invalid('lines[1].units', 'Units is invalid'),
      invalid('dueDate', 'Due date is invalid or in the past'),
    ];

    // Act
    const refusal = await refusalOf(
      createInvoice(ports, {
        caller: staffOfA,
        request: request({
          productRefs: [
            { index: 0, product: productId },
            { index: 1, product: '65f0000000000000000002ff' },
          ],
          currentInvoices: ['65f0000000000000000003ff', recurring.id, locked.id],
        }),
        problems: read,
      }),
    );

    // Assess
    expect(refusal).toEqual({
      status: 422,
      message: 'multiple',
      description: '7 problems were found in the request',
      errors: [
        { status: 422, message: 'dueDate', description: 'Due date is invalid or in the past' },
        { status: 404, message: 'lines[0].product', description: 'Product not found or not valid for use' },
        { status: 404, message: 'lines[1].product', description: 'Product not found' },
        { status: 422, message: 'lines[1].units', description: 'Units is invalid' },
        { status: 404, message: 'currentInvoices', description: 'Some or all items were not found' },
        {
          status: 422,
          message: 'currentInvoices[1]',
          description: 'Current invoice item cannot be included due to recurrence',
        },
        {
          status: 422,
          message: 'currentInvoices[2]',
          description: 'Current invoice item cannot be included: it is locked',
        },
      ],
    });
  });

  it('refuses ADMIN’s unknown reseller instead of looking for the customer there', async () => {
    // Prepare
    const ports = portsWith();

    // Act
    const refusal = await refusalOf(
      createInvoice(ports, { caller: admin, request: request({ reseller: resellerB }), problems: [] }),
    );

    // Assess
    expect(refusal).toEqual({ status: 404, message: 'reseller', description: 'Reseller not found' });
    expect(ports.resellers.getReseller).toHaveBeenCalledWith(resellerB);
    expect(ports.invoices.putNewInvoice).not.toHaveBeenCalled();
  });

  it('answers ADMIN’s unknown customer alone, its valid products read on their own', async () => {
    // Prepare: the id directory knows no such customer, so there is no tenant to read it in
    const ports = portsWith();
    ports.directory.lookUp.mockResolvedValue(undefined as never);

    // Act
    const refusal = await refusalOf(
      createInvoice(ports, { caller: admin, request: request(), problems: [] }),
    );

    // Assess
    expect(refusal).toEqual({ status: 404, message: 'customer', description: 'Customer not found' });
    expect(ports.products.getProducts).toHaveBeenCalledWith([productId]);
    expect(ports.invoices.loadInvoiceInputs).not.toHaveBeenCalled();
  });

  it('answers a malformed customer alone, and with a product that is itself unknown', async () => {
    // Prepare: the reading found the customer malformed and named no customer
    const ports = portsWith();
    const read = [notFound('customer', 'Customer not found')];
    const unknownProduct = '65f0000000000000000002ff';

    // Act
    const alone = await refusalOf(
      createInvoice(ports, { caller: staffOfA, request: request({ customer: undefined }), problems: read }),
    );
    const withProduct = await refusalOf(
      createInvoice(ports, {
        caller: staffOfA,
        request: request({
          customer: undefined,
          productRefs: [
            { index: 0, product: productId },
            { index: 1, product: unknownProduct },
          ],
        }),
        problems: read,
      }),
    );

    // Assess
    expect(alone).toEqual({ status: 404, message: 'customer', description: 'Customer not found' });
    expect(withProduct).toEqual({
      status: 422,
      message: 'multiple',
      description: '2 problems were found in the request',
      errors: [
        { status: 404, message: 'customer', description: 'Customer not found' },
        { status: 404, message: 'lines[1].product', description: 'Product not found' },
      ],
    });
  });

  it('refuses a line beyond the money limits by the field the request set', async () => {
    // Prepare
    const ports = portsWith();

    // Act
    const refusal = await refusalOf(
      createInvoice(ports, {
        caller: staffOfA,
        request: request({ lines: [{ index: 0, product: productId, units: 1_000, unitPrice: 100_000_000 }] }),
        problems: [],
      }),
    );

    // Assess
    expect(refusal).toEqual({
      status: 422,
      message: 'lines[0].unitPrice',
      description: 'Line amount is beyond 10000000000 kr (units × unit price)',
    });
    expect(ports.invoices.putNewInvoice).not.toHaveBeenCalled();
  });

  it('answers a concurrent write on the same items 409 when there is no key', async () => {
    // Prepare
    const ports = portsWith({
      write: async () => {
        throw new InvoiceWriteConflict('concurrent-write');
      },
    });

    // Act
    const refusal = await refusalOf(
      createInvoice(ports, { caller: staffOfA, request: request(), problems: [] }),
    );

    // Assess
    expect(refusal).toEqual({
      status: 409,
      message: 'currentInvoices',
      description: 'Another request was billing the same items at the same time; retry',
    });
    expect(ports.invoices.getInvoice).not.toHaveBeenCalled();
  });
});

describe('createInvoice with an Idempotency-Key', () => {
  const key = { key: 'order-42', fingerprint: 'fp-1' };
  const keyedId = idempotentInvoiceId(resellerA, key.key);

  it('makes the invoice under the id the key gives and keeps the fingerprint with it', async () => {
    // Prepare
    const ports = portsWith({ earlier: [undefined] });

    // Act
    const invoice = await createInvoice(ports, {
      caller: staffOfA,
      request: request(),
      problems: [],
      idempotency: key,
    });

    // Assess
    expect(invoice.id).toBe(keyedId);
    expect(ports.invoices.getInvoice).toHaveBeenCalledExactlyOnceWith(resellerA, keyedId);
    expect(ports.invoices.putNewInvoice).toHaveBeenCalledWith(
      expect.objectContaining({ requestHash: 'fp-1' }),
    );
  });

  it('answers the earlier attempt’s invoice before any check, even a refusing one', async () => {
    // Prepare
    const first = { invoice: { id: keyedId } as StoredInvoice['invoice'], requestHash: 'fp-1' };
    const ports = portsWith({ earlier: [first] });

    // Act
    const invoice = await createInvoice(ports, {
      caller: staffOfA,
      request: request(),
      problems: [notFound('customer', 'Customer not found')],
      idempotency: key,
    });

    // Assess
    expect(invoice).toBe(first.invoice);
    expect(ports.invoices.loadInvoiceInputs).not.toHaveBeenCalled();
    expect(ports.invoices.putNewInvoice).not.toHaveBeenCalled();
  });

  it('refuses the key reused for another request', async () => {
    // Prepare
    const ports = portsWith({
      earlier: [{ invoice: { id: keyedId } as StoredInvoice['invoice'], requestHash: 'fp-0' }],
    });

    // Act
    const refusal = await refusalOf(
      createInvoice(ports, { caller: staffOfA, request: request(), problems: [], idempotency: key }),
    );

    // Assess
    expect(refusal).toEqual({
      status: 422,
      message: 'Idempotency-Key',
      description: 'Idempotency-Key was already used for another request',
    });
  });

  it('finds ADMIN’s tenant for the key from the customer', async () => {
    // Prepare
    const ports = portsWith({ earlier: [undefined] });

    // Act
    const invoice = await createInvoice(ports, {
      caller: admin,
      request: request(),
      problems: [],
      idempotency: key,
    });

    // Assess
    // Once: the tenant that scopes the key is where the customer is read, not looked up again.
    expect(ports.directory.lookUp).toHaveBeenCalledExactlyOnceWith(customerId, 'customer');
    expect(ports.invoices.loadInvoiceInputs).toHaveBeenCalledWith(resellerA, customerId, [productId], []);
    expect(invoice.id).toBe(keyedId);
  });

  it('answers the winner’s invoice when a concurrent first attempt committed first', async () => {
    // Prepare
    const winner = { invoice: { id: keyedId } as StoredInvoice['invoice'], requestHash: 'fp-1' };
    const ports = portsWith({
      earlier: [undefined, undefined, winner],
      write: async () => {
        throw new InvoiceWriteConflict('invoice-exists');
      },
    });

    // Act
    const invoice = await createInvoice(ports, {
      caller: staffOfA,
      request: request(),
      problems: [],
      idempotency: key,
      waits: [0, 0, 0],
    });

    // Assess
    expect(invoice).toBe(winner.invoice);
    expect(ports.invoices.getInvoice).toHaveBeenCalledTimes(3);
  });

  it('answers the winner’s invoice when the winner billed the items this attempt asked for', async () => {
    // Prepare
    const winner = { invoice: { id: keyedId } as StoredInvoice['invoice'], requestHash: 'fp-1' };
    const ports = portsWith({ items: [], earlier: [undefined, winner] });

    // Act
    const invoice = await createInvoice(ports, {
      caller: staffOfA,
      request: request({ currentInvoices: [itemId] }),
      problems: [],
      idempotency: key,
      waits: [0],
    });

    // Assess
    expect(invoice).toBe(winner.invoice);
    expect(ports.invoices.putNewInvoice).not.toHaveBeenCalled();
  });

  it('answers 409 when no winner shows after a write conflict, and its own refusal after a refused check', async () => {
    // Prepare
    const conflicting = portsWith({
      write: async () => {
        throw new InvoiceWriteConflict('concurrent-write');
      },
    });
    const refusing = portsWith({ items: [] });
    const input = { caller: staffOfA, problems: [], idempotency: key, waits: [0, 0] };

    // Act
    const stillRunning = await refusalOf(createInvoice(conflicting, { ...input, request: request() }));
    const gone = await refusalOf(
      createInvoice(refusing, { ...input, request: request({ currentInvoices: [itemId] }) }),
    );

    // Assess
    expect(stillRunning).toEqual({
      status: 409,
      message: 'Idempotency-Key',
      description: 'Another request with this Idempotency-Key is in progress; retry it to get its answer',
    });
    expect(gone).toEqual({
      status: 404,
      message: 'currentInvoices',
      description: 'Some or all items were not found',
    });
    expect(conflicting.invoices.getInvoice).toHaveBeenCalledTimes(3);
  });

  it('lets an unrelated refusal through without looking for a winner', async () => {
    // Prepare
    const ports = portsWith({ earlier: [undefined] });

    // Act
    const refusal = await refusalOf(
      createInvoice(ports, {
        caller: staffOfA,
        request: request(),
        problems: [invalid('headline', 'Headline is invalid: text of at most 250 characters')],
        idempotency: key,
      }),
    );

    // Assess
    expect(refusal).toEqual({
      status: 422,
      message: 'headline',
      description: 'Headline is invalid: text of at most 250 characters',
    });
    expect(ports.invoices.getInvoice).toHaveBeenCalledTimes(1);
  });
});
