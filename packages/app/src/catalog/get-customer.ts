import type { Caller } from '#domain/caller';
import type { Customer } from '#domain/customer';
import { requireVisibleCustomer, type TenancyPorts } from '../tenancy.ts';

/** ADMIN any customer, a RESELLER its own customers, a USER only its own customer; else 404 not_found. */
export const getCustomer = (ports: TenancyPorts, caller: Caller, id: string): Promise<Customer> =>
  requireVisibleCustomer(ports, caller, id, 'not_found', 'Not found');
