import { describe, expect, it, vi } from 'vitest';
import { createReseller } from '#app/catalog/create-reseller';
import { getReseller } from '#app/catalog/get-reseller';
import { listResellers } from '#app/catalog/list-resellers';
import { admin, clock, ids, newId, now, reseller, resellerA, resellerB, staffOfA } from '../fixtures.ts';
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
