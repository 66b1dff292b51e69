import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics, MetricUnit } from '@aws-lambda-powertools/metrics';
import type { Counters, Log } from '#app/ports/observability';

/**
 * One logger and metrics per Lambda, configured from the environment the stack sets
 * (POWERTOOLS_SERVICE_NAME, POWERTOOLS_METRICS_NAMESPACE, POWERTOOLS_LOG_LEVEL).
 *
 * No Powertools tracer: it only wrapped the handler in one more X-Ray subsegment, which Lambda's
 * active tracing already records (the function's Initialization and Invocation segments), and it
 * brought aws-xray-sdk-core, about a quarter of every bundle, into every cold start. Where SDK-call
 * subsegments are wanted: infra/README.md, "Tracing".
 */
export const logger = new Logger({ serviceName: 'faktura' });

/**
 * Most API requests record no business metric (API Gateway already counts them); Metrics would
 * warn about that on every such request, drowning the logs an on-call engineer reads.
 */
const metricsLogger = {
  trace: (...content: unknown[]) => logger.trace(String(content[0])),
  debug: (...content: unknown[]) => logger.debug(String(content[0])),
  info: (...content: unknown[]) => logger.info(String(content[0])),
  warn: (...content: unknown[]) => {
    const message = String(content[0]);
    if (!message.startsWith('No application metrics to publish')) logger.warn(message);
  },
  error: (...content: unknown[]) => logger.error(String(content[0])),
};

export const metrics = new Metrics({ namespace: 'Faktura', serviceName: 'faktura', logger: metricsLogger });

/** The logger and metrics as the use cases' ports see them (packages/app/src/ports/observability.ts). */
export const log: Log = {
  info: (message, attributes) => logger.info(message, attributes ?? {}),
  warn: (message, attributes) => logger.warn(message, attributes ?? {}),
  error: (message, attributes) => logger.error(message, attributes ?? {}),
};

export const counters: Counters = {
  count: (name, value = 1) => metrics.addMetric(name, MetricUnit.Count, value),
};
