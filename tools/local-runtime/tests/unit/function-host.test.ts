import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import {
  createFunctionHost,
  FunctionTimeoutError,
  maxRequestBytes,
  RequestTooLargeError,
} from '../../src/function-host.ts';

/**
 * The function host fails where Lambda fails, so that local tests see what AWS would do: an event
 * over 6 MB never reaches the handler, and a handler past its timeout is abandoned and its
 * execution environment replaced.
 */
const root = fileURLToPath(new URL('../fixtures/handlers/', import.meta.url));
const host = () =>
  createFunctionHost(root, {
    counting: { entry: 'counting.ts', timeoutSeconds: 1 },
  });

describe('createFunctionHost', () => {
  it('runs the handler warm: the same module instance answers one invocation after another', async () => {
    // Prepare
    const functions = host();

    // Act
    const first = await functions.invoke('counting', {});
    const second = await functions.invoke('counting', {});

    // Assess
    expect(second).toEqual({ instance: (first as { instance: string }).instance, invocations: 2 });
  });

  it('refuses an event over 6 MB as Lambda does, without running the handler', async () => {
    // Prepare
    const functions = host();
    const event = { body: 'x'.repeat(maxRequestBytes) };
    const before = (await functions.invoke('counting', {})) as { instance: string; invocations: number };

    // Act
    const refused = await functions.invoke('counting', event).catch((error) => error);
    const next = await functions.invoke('counting', {});

    // Assess
    expect(refused).toBeInstanceOf(RequestTooLargeError);
    expect(refused).toMatchObject({
      name: 'RequestEntityTooLargeException',
      message: 'Request must be smaller than 6291456 bytes for the InvokeFunction operation',
    });
    expect(next).toEqual({ instance: before.instance, invocations: before.invocations + 1 });
  });

  it('abandons a handler past its timeout and answers the next invocation from a fresh environment', async () => {
    // Prepare
    const functions = host();
    const before = (await functions.invoke('counting', {})) as { instance: string };

    // Act
    const timedOut = await functions.invoke('counting', { waitMs: 3_000 }).catch((error) => error);
    const after = (await functions.invoke('counting', {})) as { instance: string; invocations: number };

    // Assess
    expect(timedOut).toBeInstanceOf(FunctionTimeoutError);
    expect(timedOut).toMatchObject({
      name: 'Sandbox.Timedout',
      message: 'Task timed out after 1.00 seconds',
    });
    expect(after.instance).not.toBe(before.instance);
    expect(after.invocations).toBe(1);
  });
});
