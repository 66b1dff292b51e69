import { beforeAll, describe, expect, it } from 'vitest';
import { synthesizeFakturaTemplate } from '#infra/synthesize';
import { localConfig } from '../../src/config.ts';
import { handlerEnvironment } from '../../src/stack.ts';

/**
 * The handlers read their configuration from the environment the CDK stack gives each Lambda. The
 * local runtime must give them every one of those names, or a handler would work in AWS and fail
 * locally (or the reverse go unnoticed).
 */
describe('handlerEnvironment', () => {
  let template: Record<string, any>;

  beforeAll(() => {
    template = synthesizeFakturaTemplate();
  });

  it('sets every variable the stack sets on any function', () => {
    // Prepare
    const local = handlerEnvironment(
      localConfig({}),
      { exportQueueUrl: 'http://queue', mailQueueUrl: 'http://mail' },
      {
        export: 'arn:aws:states:local:000000000000:stateMachine:x',
        monthlyClose: 'arn:aws:states:local:000000000000:stateMachine:y',
      },
    );
    const functions = Object.values(template.Resources).filter(
      (resource: any) => resource.Type === 'AWS::Lambda::Function',
    );

    // Act
    const cloudNames = new Set(
      functions.flatMap((fn: any) => Object.keys(fn.Properties.Environment?.Variables ?? {})),
    );

    // Assess
    expect(functions.length).toBeGreaterThan(0);
    expect([...cloudNames].filter((name) => !(name in local))).toEqual([]);
  });

  it('points every AWS client at a local endpoint', () => {
    const local = handlerEnvironment(
      localConfig({ DYNAMODB_PORT: '18000' }),
      { exportQueueUrl: 'q', mailQueueUrl: 'm' },
      {
        export: 'arn:x',
        monthlyClose: 'arn:y',
      },
    );

    expect(local).toMatchObject({
      AWS_ENDPOINT_URL_DYNAMODB: 'http://127.0.0.1:18000',
      AWS_ENDPOINT_URL_SQS: 'http://127.0.0.1:9324',
      AWS_ENDPOINT_URL_SESV2: 'http://127.0.0.1:8005',
      AWS_ENDPOINT_URL_SFN: 'http://127.0.0.1:8083',
      AWS_ENDPOINT_URL_SECRETS_MANAGER: 'http://127.0.0.1:8084',
    });
  });

  it('hands the handlers the DynamoDB and SQS endpoints FAKTURA_LOCAL_HANDLER_ENDPOINTS names', () => {
    const local = handlerEnvironment(
      localConfig({
        DYNAMODB_PORT: '18000',
        FAKTURA_LOCAL_HANDLER_ENDPOINTS:
          '{"dynamodb":"http://127.0.0.1:21000","sqs":"http://127.0.0.1:21001"}',
      }),
      {
        exportQueueUrl: 'http://127.0.0.1:9324/000000000000/faktura-export-requests.fifo',
        mailQueueUrl: 'http://127.0.0.1:9324/000000000000/faktura-mail.fifo',
      },
      { export: 'arn:x', monthlyClose: 'arn:y' },
    );

    // The SQS client sends to the queue URL's host, so the queue URL moves with the endpoint.
    expect(local).toMatchObject({
      AWS_ENDPOINT_URL_DYNAMODB: 'http://127.0.0.1:21000',
      AWS_ENDPOINT_URL_SQS: 'http://127.0.0.1:21001',
      EXPORT_QUEUE_URL: 'http://127.0.0.1:21001/000000000000/faktura-export-requests.fifo',
      MAIL_QUEUE_URL: 'http://127.0.0.1:21001/000000000000/faktura-mail.fifo',
    });
  });
});
