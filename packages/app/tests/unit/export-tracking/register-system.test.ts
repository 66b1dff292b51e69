import { describe, expect, it, vi } from 'vitest';
import { ExportSystemLimitReached } from '#app/ports/store';
import { registerSystem } from '../../../src/export-tracking/register-system.ts';
import { clock, exportSystemsWith, now, refusalOf, reseller, system } from './support.ts';

describe('registerSystem', () => {
  it('registers the system at the clock’s time and answers its registration', async () => {
    // Prepare
    const exportSystems = exportSystemsWith();

    // Act
    const registered = await registerSystem({ exportSystems, clock }, reseller, 'warehouse', 'system_id');

    // Assess
    expect(exportSystems.registerExportSystem).toHaveBeenCalledExactlyOnceWith(reseller, 'warehouse', now);
    expect(registered).toEqual(system('warehouse', now.toISOString()));
  });

  it('refuses one system past the limit under the request’s key', async () => {
    // Prepare
    const exportSystems = exportSystemsWith();
    vi.mocked(exportSystems.registerExportSystem).mockRejectedValue(new ExportSystemLimitReached('full'));

    // Act
    const refusal = await refusalOf(
      registerSystem({ exportSystems, clock }, reseller, 'one-more', 'invoices[2].system_id'),
    );

    // Assess
    expect(refusal).toEqual({
      status: 422,
      message: 'invoices[2].system_id',
      description:
        "At most 20 systems can pull a reseller's invoices; retire one first (DELETE /invoices/export/systems)",
    });
  });

  it('lets any other store error through', async () => {
    // Prepare
    const exportSystems = exportSystemsWith();
    const outage = new Error('The export systems kept changing');
    vi.mocked(exportSystems.registerExportSystem).mockRejectedValue(outage);

    // Act
    const registering = registerSystem({ exportSystems, clock }, reseller, 'warehouse', 'system_id');

    // Assess
    await expect(registering).rejects.toBe(outage);
  });
});
