import { describe, expect, it } from 'vitest';
import { localConfig } from '../../src/config.ts';
import { fakturaQueueNames, fakturaQueueSpecs, withVisibilityTimeout } from '../../src/services/sqs.ts';

/**
 * The local runtime's own knobs for tests (FAKTURA_LOCAL_*): read by the local stack, never by a
 * handler; absent, the stack runs at the pace the deployed stack would.
 */
describe('localConfig tuning', () => {
  it('is empty without the variables: everything as deployed', () => {
    // Act
    const { tuning } = localConfig({});

    // Assess
    expect(tuning).toEqual({
      retryIntervalScale: undefined,
      exportQueueVisibilitySeconds: undefined,
      handlerEndpoints: undefined,
      exportSweepSeconds: undefined,
      dynamodbInMemory: undefined,
    });
  });

  it('reads whether DynamoDB Local keeps its tables in memory', () => {
    // Act
    const inMemory = localConfig({ FAKTURA_LOCAL_DYNAMODB_IN_MEMORY: '1' }).tuning.dynamodbInMemory;
    const onDisk = localConfig({ FAKTURA_LOCAL_DYNAMODB_IN_MEMORY: 'false' }).tuning.dynamodbInMemory;

    // Assess
    expect(inMemory).toBe(true);
    expect(onDisk).toBe(false);
    expect(() => localConfig({ FAKTURA_LOCAL_DYNAMODB_IN_MEMORY: 'yes' })).toThrow(
      'FAKTURA_LOCAL_DYNAMODB_IN_MEMORY=yes is not 1, true, 0 or false',
    );
  });

  it('reads the export sweep interval', () => {
    // Act
    const { tuning } = localConfig({ FAKTURA_LOCAL_EXPORT_SWEEP_SECONDS: '2.5' });

    // Assess
    expect(tuning.exportSweepSeconds).toBe(2.5);
  });

  it('reads the retry scale and the export queue visibility timeout', () => {
    // Act
    const { tuning } = localConfig({
      FAKTURA_LOCAL_RETRY_SCALE: '0.05',
      FAKTURA_LOCAL_QUEUE_VISIBILITY_SECONDS: '1',
    });

    // Assess
    expect(tuning).toEqual({
      retryIntervalScale: 0.05,
      exportQueueVisibilitySeconds: 1,
      handlerEndpoints: undefined,
      exportSweepSeconds: undefined,
      dynamodbInMemory: undefined,
    });
  });

  it('reads the endpoints handed to the handlers (a recording proxy in front of an emulator)', () => {
    // Act
    const { tuning } = localConfig({
      FAKTURA_LOCAL_HANDLER_ENDPOINTS: '{"dynamodb":"http://127.0.0.1:21000","sqs":"http://127.0.0.1:21001"}',
    });

    // Assess
    expect(tuning.handlerEndpoints).toEqual({
      dynamodb: 'http://127.0.0.1:21000',
      sqs: 'http://127.0.0.1:21001',
    });
  });

  it.each([
    [{ FAKTURA_LOCAL_RETRY_SCALE: '-1' }, 'FAKTURA_LOCAL_RETRY_SCALE=-1 is not a number ≥ 0'],
    [{ FAKTURA_LOCAL_RETRY_SCALE: 'fast' }, 'FAKTURA_LOCAL_RETRY_SCALE=fast is not a number ≥ 0'],
    [{ FAKTURA_LOCAL_QUEUE_VISIBILITY_SECONDS: '0' }, 'is not a whole number of seconds from 1 to 43200'],
    [{ FAKTURA_LOCAL_QUEUE_VISIBILITY_SECONDS: '1.5' }, 'is not a whole number of seconds from 1 to 43200'],
    [{ FAKTURA_LOCAL_EXPORT_SWEEP_SECONDS: '0' }, 'is not a number of seconds above 0, at most 3600'],
    [{ FAKTURA_LOCAL_EXPORT_SWEEP_SECONDS: 'often' }, 'is not a number of seconds above 0, at most 3600'],
    [{ FAKTURA_LOCAL_HANDLER_ENDPOINTS: 'dynamodb' }, 'FAKTURA_LOCAL_HANDLER_ENDPOINTS=dynamodb is not JSON'],
    [{ FAKTURA_LOCAL_HANDLER_ENDPOINTS: '{"s3":"http://x"}' }, 'unknown service s3'],
    [{ FAKTURA_LOCAL_HANDLER_ENDPOINTS: '{"sqs":"ftp://x"}' }, 'sqs must be an http(s) URL'],
  ])('refuses %o', (env, message) => {
    // Act & Assess
    expect(() => localConfig(env)).toThrow(message);
  });
});

describe('localConfig CDK context', () => {
  it('synthesizes with none by default, and with the JSON object FAKTURA_CDK_CONTEXT gives', () => {
    // Act
    const plain = localConfig({});
    const paged = localConfig({ FAKTURA_CDK_CONTEXT: '{"closeResellersPerGroup":2,"closeGroupsPerPage":2}' });

    // Assess
    expect(plain.cdkContext).toBeUndefined();
    expect(paged.cdkContext).toEqual({ closeResellersPerGroup: 2, closeGroupsPerPage: 2 });
    expect(paged.monthlyCloseGroupStateMachineName).toBe('faktura-monthly-close-group');
  });

  it.each([
    ['-c closeResellersPerGroup=2', 'is not JSON'],
    ['[1]', 'is not a JSON object'],
  ])('refuses %s', (value, message) => {
    // Act & Assess
    expect(() => localConfig({ FAKTURA_CDK_CONTEXT: value })).toThrow(message);
  });
});

describe('withVisibilityTimeout', () => {
  it("changes the named queue's visibility timeout and nothing else", () => {
    // Act
    const specs = withVisibilityTimeout(fakturaQueueSpecs, fakturaQueueNames.exportRequests, 1);

    // Assess
    const [deadLetter, requests] = specs;
    expect(deadLetter).toEqual(fakturaQueueSpecs[0]);
    expect(requests).toEqual({
      ...fakturaQueueSpecs[1],
      attributes: { ...fakturaQueueSpecs[1]!.attributes, VisibilityTimeout: '1' },
    });
    expect(fakturaQueueSpecs[1]!.attributes?.VisibilityTimeout).toBe('180');
  });
});
