import { describe, expect, it } from 'vitest';
import { MalformedExportRequest, readExportRequestMessage } from '#domain/export-request-message';

const exportId = '65f0000000000000000000e1';
const reseller = '65f000000000000000000001';

describe('readExportRequestMessage', () => {
  it('reads the three fields the queue carries, and nothing else', () => {
    // Act
    const message = readExportRequestMessage({ exportId, reseller, system: 'uniconta', extra: 1 });

    // Assess
    expect(message).toEqual({ exportId, reseller, system: 'uniconta' });
  });

  it.each([
    [null, 'exportId is not an id; reseller is not an id; system is not economic or uniconta'],
    [{ exportId: 'x', reseller, system: 'economic' }, 'exportId is not an id'],
    [{ exportId, reseller: reseller.toUpperCase(), system: 'economic' }, 'reseller is not an id'],
    [{ exportId, reseller, system: 'dinero' }, 'system is not economic or uniconta'],
  ])('refuses %j, naming every field that is wrong', (body, problems) => {
    // Act
    const read = () => readExportRequestMessage(body);

    // Assess
    expect(read).toThrow(MalformedExportRequest);
    expect(read).toThrow(`The export request is malformed: ${problems}`);
  });
});
