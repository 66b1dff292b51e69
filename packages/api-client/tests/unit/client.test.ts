import { describe, expect, it, vi } from 'vitest';
import { createFakturaClient } from '../../src/client.ts';

const answering = (status: number, body: unknown) =>
  vi.fn(
    async (_input: string | URL | Request, _init?: RequestInit) =>
      new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } }),
  );

describe('createFakturaClient', () => {
  it('sends the request the reference describes, with the token, and answers the data', async () => {
    // Prepare
    const fetch = answering(200, { invoices: [], cursor: null });
    const client = createFakturaClient({ baseUrl: 'https://api.example', token: 'id-token', fetch });

    // Act
    const { data, response } = await client.GET('/invoices/export', {
      params: { query: { system_id: 'erp-1', limit: 10 } },
    });

    // Assess
    const request = fetch.mock.calls[0]![0] as Request;
    expect(request.method).toBe('GET');
    expect(request.url).toBe('https://api.example/invoices/export?system_id=erp-1&limit=10');
    expect(request.headers.get('authorization')).toBe('Bearer id-token');
    expect(response.status).toBe(200);
    expect(data).toEqual({ invoices: [], cursor: null });
  });

  it('sends a body as JSON and answers an error as the error', async () => {
    // Prepare
    const fetch = answering(422, { message: 'multiple', description: 'Some problems' });
    const client = createFakturaClient({ baseUrl: 'https://api.example', token: 't', fetch });

    // Act
    const { data, error } = await client.POST('/invoices/mark-as-exported', {
      body: { invoices: [{ invoice_id: '65f000000000000000000001', system_id: 'erp-1' }] },
    });

    // Assess
    const request = fetch.mock.calls[0]![0] as Request;
    expect(await request.json()).toEqual({
      invoices: [{ invoice_id: '65f000000000000000000001', system_id: 'erp-1' }],
    });
    expect(data).toBeUndefined();
    expect(error).toEqual({ message: 'multiple', description: 'Some problems' });
  });
});
