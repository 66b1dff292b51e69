import { describe, expect, it, vi } from 'vitest';
import { createReseller } from '#app/catalog/create-reseller';
import { getReseller } from '#app/catalog/get-reseller';
import { listResellers } from '#app/catalog/list-resellers';
import { updateReseller } from '#app/catalog/update-reseller';
import { ResellerChangeConflict } from '#app/ports/store';
import type { Reseller } from '#domain/reseller';
import {
  admin,
  clock,
  ids,
  newId,
  now,
  reseller,
  resellerA,
  resellerB,
  staffOfA,
  staffOfB,
} from '../fixtures.ts';
import { refusalOf } from '../refusal.ts';

describe('createReseller', () => {
  it('registers the reseller without a key and answers it', async () => {
    // Prepare
    const ports = {
      resellers: { putNewReseller: vi.fn(async () => undefined) },
      idempotency: { getIdempotencyRecord: vi.fn(async () => undefined) },
      clock,
      ids,
    };
    const body = { name: 'Forhandler C', email: 'c@c.test', language: 'en' as const, finance: {} };

    // Act
    const answer = await createReseller(ports, { body });

    // Assess
    const stamp = now.toISOString();
    expect(answer).toEqual({
      status: 201,
      json: { _id: newId, ...body, createdAt: stamp, updatedAt: stamp },
    });
    expect(ports.resellers.putNewReseller).toHaveBeenCalledWith(
      { id: newId, ...body, createdAt: stamp, updatedAt: stamp },
      undefined,
    );
    expect(ports.idempotency.getIdempotencyRecord).not.toHaveBeenCalled();
  });
});

describe('getReseller', () => {
  const ports = () => ({
    resellers: { getReseller: vi.fn(async (id: string) => (id === resellerA ? reseller() : undefined)) },
  });

  it('answers ADMIN any reseller and a RESELLER itself', async () => {
    // Prepare
    const store = ports();

    // Act
    const [byAdmin, bySelf] = [
      await getReseller(store, admin, resellerA),
      await getReseller(store, staffOfA, resellerA),
    ];

    // Assess
    expect(byAdmin).toEqual(reseller());
    expect(bySelf).toEqual(reseller());
  });

  it('refuses another tenant as not_found without reading it', async () => {
    // Prepare
    const store = ports();

    // Act
    const refusal = await refusalOf(getReseller(store, staffOfA, resellerB));

    // Assess
    expect(refusal).toEqual({ status: 404, message: 'not_found', description: 'Not found' });
    expect(store.resellers.getReseller).not.toHaveBeenCalled();
  });
});

describe('listResellers', () => {
  it('gives a RESELLER a list of itself and ADMIN a page of all', async () => {
    // Prepare
    const store = {
      resellers: {
        getReseller: vi.fn(async () => reseller()),
        listResellers: vi.fn(async () => ({ items: [reseller()], cursor: 'next' })),
      },
      cursors: { open: vi.fn(async () => undefined), seal: vi.fn(async () => 'sealed') },
    };

    // Act
    const own = await listResellers(store, staffOfA, { limit: 5 });
    const all = await listResellers(store, admin, { limit: 5 });

    // Assess
    expect(own).toEqual({ items: [reseller()] });
    expect(all).toEqual({ items: [reseller()], cursor: 'sealed' });
    expect(store.resellers.listResellers).toHaveBeenCalledTimes(1);
    expect(store.cursors.seal).toHaveBeenCalledWith('next', { list: 'resellers', tenant: 'platform' });
  });
});

describe('updateReseller', () => {
  const ports = (stored: Reseller = reseller(), highestUsed?: number) => {
    let current = stored;
    return {
      resellers: {
        getReseller: vi.fn(async (id: string) => (id === current.id ? current : undefined)),
        updateReseller: vi.fn(async (_id: string, changes: Partial<Reseller>) => {
          current = { ...current, ...changes };
          return current;
        }),
        highestInvoiceNumberUsed: vi.fn(async () => highestUsed),
      },
      clock,
    };
  };
  const stamp = now.toISOString();

  it('changes the fields given, keeps the others, and writes on the condition of the numbering as read', async () => {
    // Prepare
    const store = ports(reseller({ finance: { accountingSystemId: '77' } }));

    // Act
    const updated = await updateReseller(store, staffOfA, resellerA, {
      name: 'Forhandler A/S',
      finance: { accountingEmail: 'bogholderi@a.test' },
    });

    // Assess
    expect(store.resellers.updateReseller).toHaveBeenCalledWith(
      resellerA,
      {
        name: 'Forhandler A/S',
        finance: { accountingSystemId: '77', accountingEmail: 'bogholderi@a.test' },
        updatedAt: stamp,
      },
      reseller({ finance: { accountingSystemId: '77' } }),
    );
    expect(updated.name).toBe('Forhandler A/S');
    expect(store.resellers.highestInvoiceNumberUsed).not.toHaveBeenCalled();
  });

  it('switches to faktura numbering after the highest invoice number already used', async () => {
    // Prepare
    const store = ports(reseller({ invoiceNumbering: 'accounting' }), 10234);

    // Act
    await updateReseller(store, admin, resellerA, { invoiceNumbering: 'faktura' });

    // Assess
    expect(store.resellers.highestInvoiceNumberUsed).toHaveBeenCalledWith(resellerA);
    expect(store.resellers.updateReseller.mock.calls[0]![1]).toEqual({
      invoiceNumbering: 'faktura',
      nextInvoiceNumber: 10235,
      updatedAt: stamp,
    });
  });

  it('decides again with the series as it stands when an invoice took a number meanwhile', async () => {
    // Prepare
    const store = ports(reseller({ invoiceNumbering: 'faktura', nextInvoiceNumber: 10 }), 9);
    store.resellers.updateReseller.mockImplementationOnce(async () => {
      store.resellers.getReseller.mockResolvedValue(
        reseller({ invoiceNumbering: 'faktura', nextInvoiceNumber: 11 }),
      );
      throw new ResellerChangeConflict('numbering-moved');
    });

    // Act
    const refusal = await refusalOf(updateReseller(store, admin, resellerA, { nextInvoiceNumber: 10 }));

    // Assess
    expect(refusal).toEqual({
      status: 422,
      message: 'nextInvoiceNumber',
      description: expect.stringContaining('The series is at 11'),
    });
    expect(store.resellers.updateReseller).toHaveBeenCalledTimes(1);
  });

  it('refuses another tenant as not_found, and a RESELLER setting the platform’s customer number', async () => {
    // Prepare
    const store = ports();

    // Act
    const other = await refusalOf(updateReseller(store, staffOfB, resellerA, { name: 'X' }));
    const booksNumber = await refusalOf(
      updateReseller(store, staffOfA, resellerA, { finance: { accountingSystemId: '1' } }),
    );

    // Assess
    expect(other).toMatchObject({ status: 404, message: 'not_found' });
    expect(booksNumber).toMatchObject({ status: 403, message: 'access_denied' });
    expect(store.resellers.getReseller).not.toHaveBeenCalled();
    expect(store.resellers.updateReseller).not.toHaveBeenCalled();
  });
});
