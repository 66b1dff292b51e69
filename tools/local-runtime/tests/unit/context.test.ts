import { describe, expect, it } from 'vitest';
import { createLambdaContext } from '../../src/services/context.ts';

describe('createLambdaContext', () => {
  it("builds the Node.js runtime's context for a function", () => {
    // Prepare
    let now = Date.UTC(2026, 10, 21, 12, 0, 0);

    // Act
    const context = createLambdaContext({
      functionName: 'export-batch',
      timeoutSeconds: 300,
      memoryLimitInMB: 512,
      region: 'eu-west-1',
      awsRequestId: 'c6af9ac6-7b61-11e6-9a41-93e812345678',
      now: () => now,
    });

    // Assess
    expect(context).toEqual({
      functionName: 'export-batch',
      functionVersion: '$LATEST',
      invokedFunctionArn: 'arn:aws:lambda:eu-west-1:000000000000:function:export-batch',
      memoryLimitInMB: '512',
      awsRequestId: 'c6af9ac6-7b61-11e6-9a41-93e812345678',
      logGroupName: '/aws/lambda/export-batch',
      logStreamName: expect.stringMatching(/^2026\/11\/21\/\[\$LATEST\][0-9a-f]{32}$/),
      callbackWaitsForEmptyEventLoop: true,
      getRemainingTimeInMillis: expect.any(Function),
      done: expect.any(Function),
      fail: expect.any(Function),
      succeed: expect.any(Function),
    });
    expect(context.getRemainingTimeInMillis()).toBe(300_000);
    now += 299_000;
    expect(context.getRemainingTimeInMillis()).toBe(1_000);
    now += 5_000;
    expect(context.getRemainingTimeInMillis()).toBe(0);
  });

  it("uses Lambda's defaults and a fresh request id per invocation", () => {
    // Act
    const first = createLambdaContext({ functionName: 'reseller-get', region: 'eu-west-1' });
    const second = createLambdaContext({ functionName: 'reseller-get', region: 'eu-west-1' });

    // Assess
    expect(first.memoryLimitInMB).toBe('128');
    expect(first.getRemainingTimeInMillis()).toBeLessThanOrEqual(3_000);
    expect(first.getRemainingTimeInMillis()).toBeGreaterThan(2_900);
    expect(first.awsRequestId).toMatch(
      /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
    );
    expect(second.awsRequestId).not.toBe(first.awsRequestId);
    expect(() => first.done()).not.toThrow();
  });
});
