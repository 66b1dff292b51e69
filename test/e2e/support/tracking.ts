import type { FakturaClient } from '#client/client';
import type { paths } from '#client/schema';
import type { RequestBody } from './typed-api.ts';

/**
 * The export-tracking routes (docs/seeds/004-export-tracking.txt) as an integrator's typed client
 * calls them: pull what a system has not taken, mark what it took, list and retire its systems.
 */
export type PendingQuery = paths['/invoices/export']['get']['parameters']['query'];

export const pending = (api: FakturaClient, query: PendingQuery) =>
  api.GET('/invoices/export', { params: { query } });

export const markExported = (
  api: FakturaClient,
  invoices: RequestBody<'/invoices/mark-as-exported', 'post'>['invoices'],
) => api.POST('/invoices/mark-as-exported', { body: { invoices } });

export const systemsOf = (api: FakturaClient, reseller?: string) =>
  api.GET('/invoices/export/systems', { params: { query: reseller ? { reseller } : {} } });

export const retireSystem = (api: FakturaClient, systemId: string, reseller?: string) =>
  api.DELETE('/invoices/export/systems', {
    params: { query: { system_id: systemId, ...(reseller ? { reseller } : {}) } },
  });

/** The ids of the invoices a pull answered, in its order. */
export const pulledIds = (answer: { readonly data?: { readonly invoices: readonly { _id: string }[] } }) =>
  (answer.data?.invoices ?? []).map((invoice) => invoice._id);
