import { describe, expect, it } from 'vitest';
import { listSystems, retireSystem } from '../../../src/export-tracking/systems.ts';
import {
  admin,
  exportSystemsWith,
  otherReseller,
  refusalOf,
  reseller,
  resellerCaller,
  user,
} from './support.ts';

describe('listSystems', () => {
  it('lists a RESELLER’s own systems, oldest first as the store keeps them, with the limit', async () => {
    // Prepare
    const exportSystems = exportSystemsWith('warehouse', 'erp');

    // Act
    const listed = await listSystems({ exportSystems }, resellerCaller, undefined);

    // Assess
    expect(exportSystems.listExportSystems).toHaveBeenCalledExactlyOnceWith(reseller);
    expect(listed).toEqual({
      systems: [
        { system_id: 'warehouse', registered_at: '2026-10-01T00:00:00.000Z' },
        { system_id: 'erp', registered_at: '2026-10-01T00:00:00.000Z' },
      ],
      limit: 20,
    });
  });

  it('refuses a RESELLER that names another reseller, and reads nothing', async () => {
    // Prepare
    const exportSystems = exportSystemsWith('warehouse');

    // Act
    const refusal = await refusalOf(listSystems({ exportSystems }, resellerCaller, otherReseller));

    // Assess
    expect(refusal).toEqual({ status: 403, message: 'access_denied', description: 'Access denied' });
    expect(exportSystems.listExportSystems).not.toHaveBeenCalled();
  });

  it('refuses a USER as the route does', async () => {
    // Prepare
    const exportSystems = exportSystemsWith('warehouse');

    // Act
    const refusal = await refusalOf(listSystems({ exportSystems }, user, undefined));

    // Assess
    expect(refusal).toEqual({
      status: 403,
      message: 'access_denied',
      description: 'Insufficient access level',
    });
    expect(exportSystems.listExportSystems).not.toHaveBeenCalled();
  });

  it('lists the systems of the reseller an ADMIN names', async () => {
    // Prepare
    const exportSystems = exportSystemsWith();

    // Act
    const listed = await listSystems({ exportSystems }, admin, otherReseller);

    // Assess
    expect(exportSystems.listExportSystems).toHaveBeenCalledExactlyOnceWith(otherReseller);
    expect(listed).toEqual({ systems: [], limit: 20 });
  });
});

describe('retireSystem', () => {
  it('retires one of the reseller’s systems', async () => {
    // Prepare
    const exportSystems = exportSystemsWith('warehouse');

    // Act
    await retireSystem({ exportSystems }, resellerCaller, { system: 'warehouse' });

    // Assess
    expect(exportSystems.retireExportSystem).toHaveBeenCalledExactlyOnceWith(reseller, 'warehouse');
  });

  it('answers 404 system_id for a system the reseller does not have', async () => {
    // Prepare
    const exportSystems = exportSystemsWith('warehouse');

    // Act
    const refusal = await refusalOf(
      retireSystem({ exportSystems }, admin, { system: 'erp', reseller: otherReseller }),
    );

    // Assess
    expect(exportSystems.retireExportSystem).toHaveBeenCalledExactlyOnceWith(otherReseller, 'erp');
    expect(refusal).toEqual({
      status: 404,
      message: 'system_id',
      description: 'No system erp pulls this reseller’s invoices',
    });
  });

  it('never retires another reseller’s system for a RESELLER', async () => {
    // Prepare
    const exportSystems = exportSystemsWith('warehouse');

    // Act
    const refusal = await refusalOf(
      retireSystem({ exportSystems }, resellerCaller, { system: 'warehouse', reseller: otherReseller }),
    );

    // Assess
    expect(refusal).toMatchObject({ status: 403, message: 'access_denied' });
    expect(exportSystems.retireExportSystem).not.toHaveBeenCalled();
  });
});
