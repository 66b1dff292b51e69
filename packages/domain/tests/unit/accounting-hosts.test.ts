import { describe, expect, it } from 'vitest';
import {
  allowedServiceRoots,
  defaultServiceRoot,
  isAllowedServiceRoot,
  serviceOrigin,
  urlList,
} from '../../src/accounting-hosts.ts';

describe('serviceOrigin', () => {
  it.each([
    ['https://restapi.e-conomic.com', 'https://restapi.e-conomic.com'],
    ['https://RESTAPI.e-conomic.com:443/some/path?x=1', 'https://restapi.e-conomic.com'],
    ['http://127.0.0.1:3101/', 'http://127.0.0.1:3101'],
    ['http://127.0.0.1:80', 'http://127.0.0.1'],
  ])('normalizes %s to %s', (url, origin) => {
    expect(serviceOrigin(url)).toBe(origin);
  });

  it.each([
    'ftp://restapi.e-conomic.com',
    'file:///etc/passwd',
    'https://user:secret@restapi.e-conomic.com',
    'https://restapi.e-conomic.com@evil.example',
    'not a url',
    '',
  ])('refuses %s', (url) => {
    expect(serviceOrigin(url)).toBeUndefined();
  });
});

describe('isAllowedServiceRoot', () => {
  const deployment = { defaultUrl: 'http://127.0.0.1:3101', extraUrls: ['http://127.0.0.1:4101/'] };

  it.each([
    'https://restapi.e-conomic.com',
    'https://restapi.e-conomic.com/',
    'https://restapi.e-conomic.com:443',
    'https://Restapi.E-conomic.com/anything',
    'http://127.0.0.1:3101',
    'http://127.0.0.1:4101/api',
  ])('allows %s for e-conomic', (url) => {
    expect(isAllowedServiceRoot('economic', url, deployment)).toBe(true);
  });

  it.each([
    // another host that starts like the real one
    'https://restapi.e-conomic.com.evil.example',
    'https://restapi.e-conomic.com@evil.example',
    'https://evil.example/https://restapi.e-conomic.com',
    // the real host on another scheme or port
    'http://restapi.e-conomic.com',
    'https://restapi.e-conomic.com:8443',
    // the simulator's host on another port: a listener of someone else's
    'http://127.0.0.1:3102',
    'http://localhost:3101',
    // the other system's real host
    'https://odata.uniconta.com',
    'javascript:alert(1)',
  ])('refuses %s for e-conomic', (url) => {
    expect(isAllowedServiceRoot('economic', url, deployment)).toBe(false);
  });

  it('allows only the real host when the deployment names none', () => {
    expect(isAllowedServiceRoot('uniconta', 'https://odata.uniconta.com', {})).toBe(true);
    expect(isAllowedServiceRoot('uniconta', 'http://127.0.0.1:3102', {})).toBe(false);
  });
});

describe('allowedServiceRoots and defaultServiceRoot', () => {
  it('lists the real host first, then the deployment’s, each origin once', () => {
    expect(
      allowedServiceRoots('uniconta', {
        defaultUrl: 'http://127.0.0.1:3102',
        extraUrls: ['http://127.0.0.1:3102/', 'https://odata.uniconta.com', 'ftp://x'],
      }),
    ).toEqual(['https://odata.uniconta.com', 'http://127.0.0.1:3102']);
  });

  it('defaults to the deployment’s host, else the real one', () => {
    expect(defaultServiceRoot('economic', { defaultUrl: 'http://127.0.0.1:3101' })).toBe(
      'http://127.0.0.1:3101',
    );
    expect(defaultServiceRoot('economic', {})).toBe('https://restapi.e-conomic.com');
  });

  it('reads a comma-separated list', () => {
    expect(urlList(' http://a:1 ,,http://b:2,')).toEqual(['http://a:1', 'http://b:2']);
    expect(urlList(undefined)).toEqual([]);
  });
});
