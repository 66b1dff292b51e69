import { describe, expect, it, vi } from 'vitest';
import { type ExportScenario, prepareScenarios, stopScenarios } from '../../lib/export-runs.ts';

const scenario = () => ({ simulator: { stop: vi.fn(async () => {}) } }) as unknown as ExportScenario;

describe('prepareScenarios', () => {
  it('keeps every scenario that started when another fails, so that its simulator can be stopped', async () => {
    // Prepare
    const ready = scenario();
    const started: ExportScenario[] = [];

    // Act
    const preparing = prepareScenarios(
      [async () => ready, async () => Promise.reject(new Error('seeding failed'))],
      started,
    );

    // Assess
    await expect(preparing).rejects.toThrowError('seeding failed');
    expect(started).toHaveLength(1);
    expect(started[0]).toBe(ready);
    await stopScenarios(started);
    expect(ready.simulator.stop).toHaveBeenCalledOnce();
  });

  it('answers the scenarios in the order asked', async () => {
    // Prepare
    const [first, second] = [scenario(), scenario()];

    // Act
    const prepared = await prepareScenarios([async () => first, async () => second], []);

    // Assess
    expect(prepared).toHaveLength(2);
    expect(prepared[0]).toBe(first);
    expect(prepared[1]).toBe(second);
  });
});
