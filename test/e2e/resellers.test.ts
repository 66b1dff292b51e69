import { beforeAll, describe, expect, it } from 'vitest';
import { as, tokenFor } from './support/api.ts';

const demoReseller = '65f000000000000000000001';

describe('resellers', () => {
  let admin: ReturnType<typeof as>;

  beforeAll(async () => {
    admin = as(await tokenFor({ role: 'ADMIN', email: 'ops@faktura.local' }));
  });

  it('lets ADMIN register a reseller and read it back', async () => {
    // Act
    const created = await admin.post('/reseller', {
      name: 'Vestjysk Tele A/S',
      email: 'kontakt@vestjysk-tele.dk',
      language: 'en',
      finance: { accountingEmail: 'regnskab@vestjysk-tele.dk' },
    });
    const read = await admin.get(`/reseller/${created.body._id}`);

    // Assess
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      _id: expect.stringMatching(/^[0-9a-f]{24}$/),
      name: 'Vestjysk Tele A/S',
      email: 'kontakt@vestjysk-tele.dk',
      language: 'en',
      finance: { accountingEmail: 'regnskab@vestjysk-tele.dk' },
    });
    expect(read.status).toBe(200);
    expect(read.body).toEqual(created.body);
  });

  it('defaults the language to Danish', async () => {
    const created = await admin.post('/reseller', { name: 'Fyns Net', email: 'info@fyns-net.dk' });

    expect(created.body.language).toBe('da');
  });

  it('reports every invalid field of a new reseller in one 422 multiple', async () => {
    const response = await admin.post('/reseller', { name: '', email: 'not-an-email', language: 'sv' });

    expect(response.status).toBe(422);
    expect(response.body.message).toBe('multiple');
    expect(response.body.errors.map((error: { message: string }) => error.message)).toEqual([
      'name',
      'email',
      'language',
    ]);
  });

  it('pages through resellers for ADMIN with an opaque cursor', async () => {
    const first = await admin.get('/reseller?limit=1');
    const second = await admin.get(`/reseller?limit=1&cursor=${first.body.cursor}`);

    expect(first.status).toBe(200);
    expect(first.body.resellers).toHaveLength(1);
    expect(second.body.resellers).toHaveLength(1);
    expect(second.body.resellers[0]._id).not.toBe(first.body.resellers[0]._id);
  });

  it.each([['0'], ['501'], ['x']])('refuses limit=%s with 422 limit', async (limit) => {
    const response = await admin.get(`/reseller?limit=${limit}`);

    expect(response.status).toBe(422);
    expect(response.body.message).toBe('limit');
  });

  it('refuses a forged cursor with 422 cursor', async () => {
    const response = await admin.get('/reseller?cursor=bm90LWpzb24');

    expect(response.status).toBe(422);
    expect(response.body.message).toBe('cursor');
  });

  it('answers 400 bad_request for an id that is not 24 hex', async () => {
    const response = await admin.get('/reseller/xyz');

    expect(response.status).toBe(400);
    expect(response.body.message).toBe('bad_request');
  });

  it('answers 404 not_found for an id that does not exist', async () => {
    const response = await admin.get('/reseller/0123456789abcdef01234567');

    expect(response.status).toBe(404);
    expect(response.body).toMatchObject({ status: 404, message: 'not_found' });
  });

  describe('tenant isolation', () => {
    it('shows a RESELLER only itself, in the list and by id', async () => {
      // Prepare
      const other = await admin.post('/reseller', { name: 'Anden Reseller', email: 'a@anden.dk' });
      const reseller = as(await tokenFor({ role: 'RESELLER', reseller: demoReseller }));

      // Act
      const own = await reseller.get(`/reseller/${demoReseller}`);
      const foreign = await reseller.get(`/reseller/${other.body._id}`);
      const list = await reseller.get('/reseller');

      // Assess
      expect(own.status).toBe(200);
      expect(own.body.name).toBe('Nordlys Telecom ApS');
      expect(foreign.status).toBe(404);
      expect(foreign.text).not.toContain('Anden');
      expect(list.body.resellers.map((r: { _id: string }) => r._id)).toEqual([demoReseller]);
    });

    it('keeps USER tokens away from resellers altogether', async () => {
      const user = as(
        await tokenFor({ role: 'USER', reseller: demoReseller, customer: '65f000000000000000000101' }),
      );

      expect((await user.get('/reseller')).status).toBe(403);
      expect((await user.get(`/reseller/${demoReseller}`)).status).toBe(403);
    });

    it('does not let a RESELLER register resellers', async () => {
      const reseller = as(await tokenFor({ role: 'RESELLER', reseller: demoReseller }));

      const response = await reseller.post('/reseller', { name: 'Shadow', email: 's@s.dk' });

      expect(response.status).toBe(403);
      expect(response.body.message).toBe('access_denied');
    });
  });
});
