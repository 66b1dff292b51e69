import { describe, expect, it } from 'vitest';
import { FaultInjector } from '../../src/kit/faults.ts';

describe('FaultInjector', () => {
  it('fails only the nth create, with the chosen status', () => {
    // Prepare
    const faults = new FaultInjector({ creates: [{ action: 'fail', nth: 2, status: 400 }] });

    // Act
    const decisions = [1, 2, 3].map(() => faults.onCreate({ operation: 'order' }).action);

    // Assess
    expect(decisions).toEqual(['proceed', 'fail', 'proceed']);
  });

  it('fails every create for one customer; each rule counts every create that matches its filters', () => {
    // Prepare
    const faults = new FaultInjector({
      creates: [
        { action: 'fail', customer: '1002', status: 503 },
        { action: 'drop-after', nth: 3 },
      ],
    });

    // Act
    const decisions = ['1001', '1002', '1001', '1002'].map((customer) =>
      faults.onCreate({ customer, operation: 'order' }),
    );

    // Assess
    expect(decisions.map((decision) => decision.action)).toEqual(['proceed', 'fail', 'drop-after', 'fail']);
    expect(decisions[1]).toMatchObject({ status: 503 });
  });

  it('filters by operation and defaults the plain-text fault to 200 ArgumentMissing', () => {
    // Prepare
    const faults = new FaultInjector({ creates: [{ action: 'plain-text', operation: 'lines' }] });

    // Act
    const order = faults.onCreate({ operation: 'order' });
    const lines = faults.onCreate({ operation: 'lines' });

    // Assess
    expect(order.action).toBe('proceed');
    expect(lines).toMatchObject({ action: 'plain-text', status: 200, code: 'ArgumentMissing' });
  });

  it('answers a burst of server errors for the next K requests only', () => {
    // Prepare
    const faults = new FaultInjector({ serverErrorBurst: { count: 2 } });

    // Act
    const statuses = [1, 2, 3].map(() => faults.nextBurst());

    // Assess
    expect(statuses).toEqual([503, 503, undefined]);
  });

  it('gives a burst’s answers the Retry-After it was configured with, and none otherwise', () => {
    // Prepare
    const saying = new FaultInjector({ serverErrorBurst: { count: 1, retryAfterSeconds: 120 } });
    const silent = new FaultInjector({ serverErrorBurst: { count: 1 } });

    // Act
    const headers = [saying.burstHeaders(), silent.burstHeaders()];

    // Assess
    expect(headers).toEqual([{ 'Retry-After': '120' }, {}]);
  });

  it('forgets every fault on reset', () => {
    // Prepare
    const faults = new FaultInjector({ creates: [{ action: 'fail' }], serverErrorBurst: { count: 5 } });

    // Act
    faults.reset();

    // Assess
    expect(faults.nextBurst()).toBeUndefined();
    expect(faults.onCreate({ operation: 'order' }).action).toBe('proceed');
  });
});
