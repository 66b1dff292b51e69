/**
 * An export asked for over the API (docs/seeds/001-economic-export.txt and docs/seeds/000-uniconta-export.txt): who may ask for what is decided here, the
 * rest is the one path every export takes (request-export.ts).
 */
import type { Caller } from '#domain/caller';
import { isMailboxAddress } from '#domain/email-address';
import type { AccountingSystemName } from '#domain/integration';
import { accessDenied, invalid } from '#domain/refusal';
import {
  type AcceptExportPorts,
  acceptExport,
  type ExportAccepted,
  type ExportRequestOptions,
} from './request-export.ts';

export interface RequestExportInput {
  readonly caller: Caller;
  readonly system: AccountingSystemName;
  readonly options: Partial<ExportRequestOptions>;
}

export const requestExport = async (
  ports: AcceptExportPorts,
  { caller, system, options }: RequestExportInput,
): Promise<ExportAccepted> => {
  if (options.adminMode && caller.role !== 'ADMIN') throw accessDenied('adminMode is for ADMIN only');
  if (options.layout !== undefined && system !== 'economic')
    throw invalid('layout', 'Layouts are e-conomic’s; Uniconta has none');
  if (caller.role === 'RESELLER' && options.reseller && options.reseller !== caller.reseller)
    throw accessDenied();
  if (caller.role === 'ADMIN' && !options.reseller)
    throw invalid('reseller', 'ADMIN must name the reseller to export for');
  return acceptExport(ports, {
    system,
    options: { ...options, reseller: options.reseller ?? caller.reseller! },
    resellerNamed: options.reseller !== undefined,
    // The report goes to this address: stored only when it is one (the caller's claim is not checked upstream).
    requestedBy: {
      userId: caller.userId,
      ...(isMailboxAddress(caller.email) ? { email: caller.email } : {}),
    },
  });
};
