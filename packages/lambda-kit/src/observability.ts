import { Logger } from '@aws-lambda-powertools/logger';
import type { Log } from '#app/ports/observability';

/**
 * One logger per Lambda, configured from the environment the stack sets (POWERTOOLS_SERVICE_NAME,
 * POWERTOOLS_LOG_LEVEL). Metrics are in metrics.ts, bundled only where a function records one.
 *
 * No Powertools tracer: it only wrapped the handler in one more X-Ray subsegment, which Lambda's
 * active tracing already records (the function's Initialization and Invocation segments), and it
 * brought aws-xray-sdk-core, about a quarter of every bundle, into every cold start. Where SDK-call
 * subsegments are wanted: infra/README.md, "Tracing".
 */
export const logger = new Logger({ serviceName: 'faktura' });

/** The logger as the use cases' port sees it (packages/app/src/ports/observability.ts). */
export const log: Log = {
  info: (message, attributes) => logger.info(message, attributes ?? {}),
  warn: (message, attributes) => logger.warn(message, attributes ?? {}),
  error: (message, attributes) => logger.error(message, attributes ?? {}),
};
