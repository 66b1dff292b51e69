import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from 'vitest';
import {
  type EconomicSimulator,
  startEconomicSimulator,
  startUnicontaSimulator,
  type UnicontaSimulator,
} from '#simulators/index';
import {
  createInvoices,
  createScenario,
  credentials,
  requestExport,
  type Scenario,
  type System,
  saveSettings,
} from './support/accounting.ts';
import { adminClient } from './support/fixtures.ts';
import type { RequestBody } from './support/typed-api.ts';

/**
 * An accounting system that is down is not a reseller's bad credentials: at export request and in
 * `PUT /integration/{system}/settings`, a 5xx or no answer at all is `503 accounting_unavailable`
 * with a `Retry-After` (the system's own when it sent one, else 30 seconds), and `403 <system>`
 * stays for credentials the system refuses.
 *
 * The systems are simulators of this file's own, on hosts the stack allows (`outageSimulatorPorts`),
 * so that their outage reaches this file's integrations only; the last test stops them.
 */

const systems: readonly System[] = ['economic', 'uniconta'];
const month = { economic: '2031-03', uniconta: '2031-04' } as const;

let simulators: { economic: EconomicSimulator; uniconta: UnicontaSimulator };
const scenarios = {} as Record<System, Scenario>;

const exportNow = (system: System) =>
  requestExport(scenarios[system].tenant.resellerClient, system, { invoiceDate: `${month[system]}-01` });

/** ADMIN sets the reseller's integration up again (`credentials`: the ones it checks with the system). */
const connectAgain = async (
  system: System,
  given: RequestBody<'/integration/{system}/settings', 'put'> = credentials[system],
) =>
  saveSettings(await adminClient(), system, {
    reseller: scenarios[system].tenant.reseller,
    ...given,
    baseUrl: scenarios[system].simulator,
  });

const down = (system: System, retryAfterSeconds?: number) =>
  simulators[system].control.configure({
    faults: {
      serverErrorBurst: {
        count: 10_000,
        ...(retryAfterSeconds === undefined ? {} : { retryAfterSeconds }),
      },
    },
  });

beforeAll(async () => {
  const ports = inject('outageSimulatorPorts');
  const [economic, uniconta] = await Promise.all([
    startEconomicSimulator({ port: ports.economic }),
    startUnicontaSimulator({ port: ports.uniconta }),
  ]);
  simulators = { economic, uniconta };
  for (const system of systems) {
    scenarios[system] = await createScenario(system, 1, `Outage ${system}`, {
      simulator: simulators[system].url,
    });
    await createInvoices(scenarios[system], 1, month[system]);
  }
});

afterEach(() => {
  for (const system of systems) simulators[system].control.configure({ faults: {} });
});

afterAll(async () => {
  await Promise.all(systems.map((system) => simulators[system].stop()));
});

describe.each(systems)('%s outage', (system) => {
  it('answers an export request while the system answers 5xx with 503 accounting_unavailable and Retry-After 30', async () => {
    // Prepare
    down(system);

    // Act
    const response = await exportNow(system);

    // Assess
    expect(response.response.status).toBe(503);
    expect(response.error?.message).toBe('accounting_unavailable');
    expect(response.response.headers.get('retry-after')).toBe('30');
  });

  it('passes the system’s own Retry-After on, at export request and in the settings’ credential check', async () => {
    // Prepare
    down(system, 120);

    // Act
    const exported = await exportNow(system);
    const connected = await connectAgain(system);

    // Assess
    for (const { response, error } of [exported, connected]) {
      expect(response.status).toBe(503);
      expect(error?.message).toBe('accounting_unavailable');
      expect(response.headers.get('retry-after')).toBe('120');
    }
  });

  it('still answers credentials the system refuses with 403 naming the system', async () => {
    // Prepare
    const wrong =
      system === 'economic'
        ? { appSecretToken: 'not-the-secret', agreementGrantToken: credentials.economic.agreementGrantToken }
        : { companyId: credentials.uniconta.companyId, userId: 'sim-user', password: 'wrong-password' };

    // Act
    const { response, error } = await connectAgain(system, wrong);

    // Assess
    expect(response.status).toBe(403);
    expect(error?.message).toBe(system);
    expect(response.headers.get('retry-after')).toBeNull();
  });
});

describe('no answer at all', () => {
  it.each(systems)(
    '%s: answers 503 accounting_unavailable with Retry-After 30 when nothing listens',
    async (system) => {
      // Prepare: the system is gone (its host allowed, nothing listening)
      await simulators[system].stop();

      // Act
      const exported = await exportNow(system);
      const connected = await connectAgain(system);

      // Assess
      for (const { response, error } of [exported, connected]) {
        expect(response.status).toBe(503);
        expect(error?.message).toBe('accounting_unavailable');
        expect(response.headers.get('retry-after')).toBe('30');
      }
    },
  );
});
