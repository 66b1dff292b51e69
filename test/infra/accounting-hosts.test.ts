import { describe, expect, it } from 'vitest';
import { functionsByCatalogName, synthesizeFaktura } from './template.ts';

/**
 * Where the accounting systems live is deployment configuration: CDK context `economicApiUrl` /
 * `unicontaApiUrl`, given to every function as ECONOMIC_API_URL / UNICONTA_API_URL, https only.
 * Without them the functions know only the real hosts.
 */
const environmentOf = (json: ReturnType<typeof synthesizeFaktura>['json']) =>
  [...functionsByCatalogName(json).values()].map(
    ([, fn]) => (fn.Properties.Environment?.Variables ?? {}) as Record<string, unknown>,
  );

describe('accounting hosts', () => {
  it('gives every function the hosts from context', () => {
    // Act
    const { json } = synthesizeFaktura({
      economicApiUrl: 'https://economic-test.example.com',
      unicontaApiUrl: 'https://uniconta-test.example.com',
    });

    // Assess
    const environments = environmentOf(json);
    expect(environments.length).toBeGreaterThan(0);
    for (const environment of environments) {
      expect(environment).toMatchObject({
        ECONOMIC_API_URL: 'https://economic-test.example.com',
        UNICONTA_API_URL: 'https://uniconta-test.example.com',
      });
    }
  });

  it('gives no host without context: only the real ones are allowed', () => {
    // Act
    const { json } = synthesizeFaktura();

    // Assess
    for (const environment of environmentOf(json)) {
      expect(environment).not.toHaveProperty('ECONOMIC_API_URL');
      expect(environment).not.toHaveProperty('UNICONTA_API_URL');
    }
  });

  it.each([
    ['economicApiUrl', 'http://economic-test.example.com'],
    ['unicontaApiUrl', 'https://user:secret@uniconta-test.example.com'],
    ['economicApiUrl', 'not a url'],
  ])('refuses %s=%s at synth', (key, url) => {
    // Act
    const synth = () => synthesizeFaktura({ [key]: url });

    // Assess
    expect(synth).toThrow(`Context ${key} must be an https URL`);
  });
});
