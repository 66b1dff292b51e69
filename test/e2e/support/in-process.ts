import { inject } from 'vitest';
import { localAccountId } from '#local/services/local-service';
import { fakturaQueueNames } from '#local/services/sqs';

/** The mail queue of the stack whose SQS listens on `sqsPort`, as its handlers are given it. */
export const mailQueueUrl = (sqsPort: number | undefined): string =>
  `http://127.0.0.1:${sqsPort}/${localAccountId}/${fakturaQueueNames.mail}`;

/**
 * Points the store's and the handlers' AWS clients, in this process, at the test stack's DynamoDB,
 * SES and mail queue, as Lambda's environment points them at the real ones: for tests that run a worker's
 * code in the test process (to see its logs, or to stage a crash the stack cannot).
 */
export const useTestStackInProcess = (extra: Record<string, string> = {}): void => {
  const ports = inject('ports');
  Object.assign(process.env, {
    AWS_ENDPOINT_URL_DYNAMODB: `http://127.0.0.1:${ports.DYNAMODB_PORT}`,
    AWS_ENDPOINT_URL_SESV2: `http://127.0.0.1:${ports.SES_PORT}`,
    AWS_ENDPOINT_URL_SQS: `http://127.0.0.1:${ports.SQS_PORT}`,
    MAIL_QUEUE_URL: mailQueueUrl(ports.SQS_PORT),
    AWS_ACCESS_KEY_ID: 'local',
    AWS_SECRET_ACCESS_KEY: 'local',
    TABLE_NAME: 'faktura',
    NOTIFICATION_SENDER: 'faktura@faktura.local',
    ...extra,
  });
};
