import { inject } from 'vitest';

/** The store's client reads its endpoint and table from the environment, as in Lambda: here, the global setup's stack. */
export const useTestStackTable = (): void => {
  Object.assign(process.env, {
    AWS_ENDPOINT_URL_DYNAMODB: `http://127.0.0.1:${inject('ports').DYNAMODB_PORT}`,
    AWS_ACCESS_KEY_ID: 'local',
    AWS_SECRET_ACCESS_KEY: 'local',
    TABLE_NAME: 'faktura',
  });
};
