import { describe, expect, it } from 'vitest';
import { AnnotatedErrors } from '../../src/economic/errors.ts';
import { decodeProductNumber, encodeProductNumber } from '../../src/economic/render.ts';
import { latencyFor } from '../../src/kit/latency.ts';
import { Router } from '../../src/kit/router.ts';

describe('Router', () => {
  const router = new Router<string>()
    .add('GET', '/products', 'list')
    .add('GET', '/products/:productNumber', 'one')
    .add('DELETE', '/orders/drafts/:number', 'delete');

  it('matches a route and decodes each parameter on its own', () => {
    expect(router.match('GET', '/products/A%2FB%20C')).toEqual({
      kind: 'found',
      handler: 'one',
      params: { productNumber: 'A/B C' },
      route: 'GET /products/:productNumber',
    });
    expect(router.match('GET', '/Products/')).toMatchObject({ kind: 'found', handler: 'list' });
  });

  it('tells a known path with another method from an unknown path', () => {
    expect(router.match('POST', '/orders/drafts/3')).toEqual({
      kind: 'method-not-allowed',
      allow: ['DELETE'],
    });
    expect(router.match('GET', '/nowhere')).toEqual({ kind: 'not-found' });
  });
});

describe('AnnotatedErrors', () => {
  it('mirrors the payload, with array elements as arrayIndex entries in order', () => {
    // Prepare
    const errors = new AnnotatedErrors();

    // Act
    errors.add(['lines', 2, 'product'], { message: 'b' });
    errors.add(['lines', 0, 'unitNetPrice'], { message: 'a' });
    errors.add(['recipient', 'vatZone'], { message: 'c' });
    errors.add(['customer'], { message: 'd' });
    errors.add(['customer'], { message: 'e' });

    // Assess
    expect(errors.toJSON()).toEqual({
      lines: [
        { arrayIndex: 0, unitNetPrice: { errors: [{ message: 'a' }] } },
        { arrayIndex: 2, product: { errors: [{ message: 'b' }] } },
      ],
      recipient: { vatZone: { errors: [{ message: 'c' }] } },
      customer: { errors: [{ message: 'd' }, { message: 'e' }] },
    });
    expect(errors.size).toBe(5);
    expect(errors.has(['lines', 0])).toBe(true);
    expect(errors.has(['lines', 1])).toBe(false);
    expect(errors.has(['recipient'])).toBe(true);
  });
});

describe('product numbers in URLs', () => {
  it("use e-conomic's custom replacements, and standard encoding for the rest", () => {
    expect(encodeProductNumber('My Awesome Product_Discount5%')).toBe(
      'My_9_Awesome_9_Product_8_Discount5_3_',
    );
    expect(encodeProductNumber('Æble/æ')).toBe('%C3%86ble_6_%C3%A6');
    expect(decodeProductNumber('My_9_Awesome_9_Product_8_Discount5_3_')).toBe(
      'My Awesome Product_Discount5%',
    );
    expect(decodeProductNumber('A_8_1_8_B')).toBe('A_1_B');
  });
});

describe('latency', () => {
  it('is the fixed delay plus a uniform jitter', () => {
    expect(latencyFor(undefined, () => 0.5)).toBe(0);
    expect(latencyFor({ fixedMs: 100 }, () => 0.99)).toBe(100);
    expect(latencyFor({ fixedMs: 100, jitterMs: 50 }, () => 0)).toBe(100);
    expect(latencyFor({ fixedMs: 100, jitterMs: 50 }, () => 0.999)).toBe(150);
  });
});
