import { describe, expect, it } from 'vitest';
import { closeRunName } from '../../../src/monthly-close/close-run.ts';
import { parsePeriod } from '../../../src/monthly-close/period.ts';

describe('closeRunName', () => {
  it('names a scheduled close after the firing, so a redelivered firing names the same execution', () => {
    // Prepare
    const period = parsePeriod('2026-10');
    const scheduledTime = new Date('2026-11-01T01:00:00.000Z');

    // Act
    const first = closeRunName(period, { scheduledTime });
    const again = closeRunName(period, { scheduledTime: new Date(scheduledTime) });

    // Assess
    expect(first).toBe('close-2026-10-20261101T010000Z');
    expect(again).toBe(first);
  });

  it('names a person’s close after the moment it was asked for, without colons or milliseconds', () => {
    // Act
    const name = closeRunName(parsePeriod('2026-10'), { askedAt: new Date('2026-11-15T09:30:12.345Z') });

    // Assess
    expect(name).toBe('close-2026-10-manual-20261115T093012Z');
  });
});
