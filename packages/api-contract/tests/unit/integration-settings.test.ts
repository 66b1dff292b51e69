import { describe, expect, it } from 'vitest';
import { economicSettingsBody, unicontaSettingsBody } from '../../src/integration-settings.ts';

describe('PUT /integration/economic/settings: defaultDaysOfCredit', () => {
  it.each([0, 14, 365])('takes %j whole days', (days) => {
    // Act
    const result = economicSettingsBody.safeParse({ defaultDaysOfCredit: days });

    // Assess
    expect(result.data).toEqual({ defaultDaysOfCredit: days });
  });

  it.each([-1, 366, 1.5, '14', null])('refuses %j, naming the field and its range', (days) => {
    // Act
    const result = economicSettingsBody.safeParse({ defaultDaysOfCredit: days });

    // Assess
    expect(result.error?.issues.map((issue) => [issue.path.join('.'), issue.message])).toEqual([
      ['defaultDaysOfCredit', 'Default days of credit must be a whole number of days from 0 to 365'],
    ]);
  });

  it('is e-conomic’s alone: Uniconta’s body does not take it', () => {
    expect(unicontaSettingsBody.safeParse({ defaultDaysOfCredit: 14 }).success).toBe(false);
  });
});

describe('PUT /integration/uniconta/settings: dailyCallAllowance', () => {
  it.each([1, 5_000, 80_000])('takes %j calls a day', (calls) => {
    // Act
    const result = unicontaSettingsBody.safeParse({ dailyCallAllowance: calls });

    // Assess
    expect(result.data).toEqual({ dailyCallAllowance: calls });
  });

  it.each([0, 80_001, 2.5, '5000', null])('refuses %j, naming the field and its range', (calls) => {
    // Act
    const result = unicontaSettingsBody.safeParse({ dailyCallAllowance: calls });

    // Assess
    expect(result.error?.issues.map((issue) => [issue.path.join('.'), issue.message])).toEqual([
      ['dailyCallAllowance', 'Daily call allowance must be a whole number of calls from 1 to 80000'],
    ]);
  });

  it('is Uniconta’s alone: e-conomic’s body does not take it', () => {
    expect(economicSettingsBody.safeParse({ dailyCallAllowance: 20_000 }).success).toBe(false);
  });
});
