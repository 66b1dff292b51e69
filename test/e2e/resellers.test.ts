import { beforeAll, describe, expect, it } from 'vitest';
import type { FakturaClient } from '#client/client';
import { as, tokenFor } from './support/api.ts';
import { clientFor } from './support/typed-api.ts';

const demoReseller = '65f000000000000000000001';

describe('resellers', () => {
  let admin: FakturaClient;

  beforeAll(async () => {
    admin = clientFor(await tokenFor({ role: 'ADMIN', email: 'ops@faktura.local' }));
  });

  const register = (name: string, email: string) => admin.POST('/reseller', { body: { name, email } });

  it('lets ADMIN register a reseller and read it back', async () => {
    // Act
    const created = await admin.POST('/reseller', {
      body: {
        name: 'Vestjysk Tele A/S',
        email: 'kontakt@vestjysk-tele.dk',
        language: 'en',
        finance: { accountingEmail: 'regnskab@vestjysk-tele.dk' },
      },
    });
    const read = await admin.GET('/reseller/{id}', { params: { path: { id: created.data!._id } } });

    // Assess
    expect(created.response.status).toBe(201);
    expect(created.data).toMatchObject({
      _id: expect.stringMatching(/^[0-9a-f]{24}$/),
      name: 'Vestjysk Tele A/S',
      email: 'kontakt@vestjysk-tele.dk',
      language: 'en',
      finance: { accountingEmail: 'regnskab@vestjysk-tele.dk' },
    });
    expect(read.response.status).toBe(200);
    expect(read.data).toEqual(created.data);
  });

  it('defaults the language to Danish', async () => {
    const created = await register('Fyns Net', 'info@fyns-net.dk');

    expect(created.data?.language).toBe('da');
  });

  it('reports every invalid field of a new reseller in one 422 multiple', async () => {
    // Untyped on purpose: the reference allows no empty name nor language "sv".
    const response = await as(await tokenFor({ role: 'ADMIN', email: 'ops@faktura.local' })).post(
      '/reseller',
      {
        name: '',
        email: 'not-an-email',
        language: 'sv',
      },
    );

    expect(response.status).toBe(422);
    expect(response.body.message).toBe('multiple');
    expect(response.body.errors.map((error: { message: string }) => error.message)).toEqual([
      'name',
      'email',
      'language',
    ]);
  });

  it('pages through resellers for ADMIN with an opaque cursor', async () => {
    const first = await admin.GET('/reseller', { params: { query: { limit: 1 } } });
    const second = await admin.GET('/reseller', {
      params: { query: { limit: 1, cursor: first.data!.cursor ?? undefined } },
    });

    expect(first.response.status).toBe(200);
    expect(first.data?.resellers).toHaveLength(1);
    expect(second.data?.resellers).toHaveLength(1);
    expect(second.data?.resellers[0]?._id).not.toBe(first.data?.resellers[0]?._id);
  });

  it.each([['0'], ['501'], ['x']])('refuses limit=%s with 422 limit', async (limit) => {
    // Untyped on purpose: the reference allows only whole numbers from 1 to 500.
    const response = await as(await tokenFor({ role: 'ADMIN', email: 'ops@faktura.local' })).get(
      `/reseller?limit=${limit}`,
    );

    expect(response.status).toBe(422);
    expect(response.body.message).toBe('limit');
  });

  it('refuses a forged cursor with 422 cursor', async () => {
    const response = await admin.GET('/reseller', { params: { query: { cursor: 'bm90LWpzb24' } } });

    expect(response.response.status).toBe(422);
    expect(response.error?.message).toBe('cursor');
  });

  it('answers 400 bad_request for an id that is not 24 hex', async () => {
    const response = await admin.GET('/reseller/{id}', { params: { path: { id: 'xyz' } } });

    expect(response.response.status).toBe(400);
    expect(response.error?.message).toBe('bad_request');
  });

  it('answers 404 not_found for an id that does not exist', async () => {
    const response = await admin.GET('/reseller/{id}', {
      params: { path: { id: '0123456789abcdef01234567' } },
    });

    expect(response.response.status).toBe(404);
    expect(response.error).toMatchObject({ status: 404, message: 'not_found' });
  });

  describe('tenant isolation', () => {
    it('shows a RESELLER only itself, in the list and by id', async () => {
      // Prepare
      const other = await register('Anden Reseller', 'a@anden.dk');
      const reseller = clientFor(await tokenFor({ role: 'RESELLER', reseller: demoReseller }));

      // Act
      const own = await reseller.GET('/reseller/{id}', { params: { path: { id: demoReseller } } });
      const foreign = await reseller.GET('/reseller/{id}', { params: { path: { id: other.data!._id } } });
      const list = await reseller.GET('/reseller');

      // Assess
      expect(own.response.status).toBe(200);
      expect(own.data?.name).toBe('Nordlys Telecom ApS');
      expect(foreign.response.status).toBe(404);
      expect(JSON.stringify(foreign.error)).not.toContain('Anden');
      expect(list.data?.resellers.map((r) => r._id)).toEqual([demoReseller]);
    });

    it('keeps USER tokens away from resellers altogether', async () => {
      const user = clientFor(
        await tokenFor({ role: 'USER', reseller: demoReseller, customer: '65f000000000000000000101' }),
      );

      expect((await user.GET('/reseller')).response.status).toBe(403);
      expect(
        (await user.GET('/reseller/{id}', { params: { path: { id: demoReseller } } })).response.status,
      ).toBe(403);
    });

    it('does not let a RESELLER register resellers', async () => {
      const reseller = clientFor(await tokenFor({ role: 'RESELLER', reseller: demoReseller }));

      const response = await reseller.POST('/reseller', { body: { name: 'Shadow', email: 's@s.dk' } });

      expect(response.response.status).toBe(403);
      expect(response.error?.message).toBe('access_denied');
    });
  });
});
