import { describe, expect, it, vi } from 'vitest';
import type { Executions } from '#app/ports/executions';
import { MonthNotOver, readCloseRequest, startMonthlyClose } from '../../../src/monthly-close/start.ts';

const arn = 'arn:aws:states:eu-west-1:000000000000:execution:faktura-monthly-close';

const portsAt = (now: string, started = true) => {
  const executions: Executions = {
    start: vi.fn(async (_machine, name) => ({ executionArn: `${arn}:${name}`, started })),
  };
  return { executions, clock: { now: () => new Date(now) } };
};

describe('startMonthlyClose', () => {
  it('closes the month before the firing, and names the execution after the firing', async () => {
    // Prepare: the schedule fires at 02:00 Copenhagen time on 1 November
    const ports = portsAt('2026-11-01T01:00:03.000Z');

    // Act
    const started = await startMonthlyClose(ports, { scheduledTime: '2026-11-01T01:00:00.000Z' });

    // Assess
    expect(ports.executions.start).toHaveBeenCalledExactlyOnceWith(
      'monthly-close',
      'close-2026-10-20261101T010000Z',
      { month: '2026-10' },
    );
    expect(started).toEqual({
      month: '2026-10',
      run: 'close-2026-10-20261101T010000Z',
      executionArn: `${arn}:close-2026-10-20261101T010000Z`,
      started: true,
    });
  });

  it('answers a redelivered firing with the execution it already started', async () => {
    // Prepare: Step Functions knows the name already
    const ports = portsAt('2026-11-01T01:05:00.000Z', false);

    // Act
    const again = await startMonthlyClose(ports, { scheduledTime: '2026-11-01T01:00:00.000Z' });

    // Assess
    expect(ports.executions.start).toHaveBeenCalledExactlyOnceWith(
      'monthly-close',
      'close-2026-10-20261101T010000Z',
      { month: '2026-10' },
    );
    expect(again).toMatchObject({ run: 'close-2026-10-20261101T010000Z', started: false });
  });

  it('names a person’s close after the moment it was asked for', async () => {
    // Prepare
    const ports = portsAt('2026-11-15T09:30:12.345Z');

    // Act
    const started = await startMonthlyClose(ports, { period: '2026-09' });

    // Assess
    expect(ports.executions.start).toHaveBeenCalledExactlyOnceWith(
      'monthly-close',
      'close-2026-09-manual-20261115T093012Z',
      { month: '2026-09' },
    );
    expect(started.month).toBe('2026-09');
  });

  it('refuses a month that has not ended, and starts nothing', async () => {
    // Prepare: the last evening of October in Copenhagen
    const ports = portsAt('2026-10-31T22:59:59.999Z');

    // Act
    const starting = startMonthlyClose(ports, { period: '2026-10' });

    // Assess
    await expect(starting).rejects.toThrow(
      new MonthNotOver('2026-10 has not ended yet: it is closed after 2026-10-31T23:00:00.000Z'),
    );
    await expect(starting).rejects.toBeInstanceOf(MonthNotOver);
    expect(ports.executions.start).not.toHaveBeenCalled();
  });

  it('refuses a month 13 before it starts anything', async () => {
    // Prepare
    const ports = portsAt('2027-02-01T00:00:00.000Z');

    // Act
    const starting = startMonthlyClose(ports, { period: '2026-13' });

    // Assess
    await expect(starting).rejects.toBeInstanceOf(RangeError);
    expect(ports.executions.start).not.toHaveBeenCalled();
  });
});

describe('readCloseRequest', () => {
  it.each([
    [{ period: '2026-10' }, { period: '2026-10' }],
    [
      { source: 'faktura.monthly-close', scheduledTime: '2026-11-01T01:00:00Z', detail: {} },
      { scheduledTime: '2026-11-01T01:00:00Z' },
    ],
  ])('reads %j', (event, expected) => {
    // Act
    const request = readCloseRequest(event);

    // Assess
    expect(request).toEqual(expected);
  });

  it.each([
    [undefined],
    [{ period: '2026-1' }],
    [{ source: 'someone.else', scheduledTime: '2026-11-01T01:00:00Z' }],
    [{ source: 'faktura.monthly-close', scheduledTime: 'tomorrow' }],
  ])('refuses %j', (event) => {
    // Act
    const reading = () => readCloseRequest(event);

    // Assess
    expect(reading).toThrow(
      new TypeError(
        'Expected { "period": "YYYY-MM" } or the schedule\'s { "source": "faktura.monthly-close", "scheduledTime": … }',
      ),
    );
  });
});
