import { Metrics, MetricUnit } from '@aws-lambda-powertools/metrics';
import type { Counters } from '#app/ports/observability';
import { logger } from './observability.ts';

/**
 * Powertools metrics, configured from the environment the stack sets (POWERTOOLS_METRICS_NAMESPACE).
 *
 * A module of its own because only the functions that record a business metric (the workers, and
 * the API's export request) need it: an API handler that records none leaves ~11 KB of Metrics out
 * of its bundle. A handler that imports `counters` publishes them through `logMetrics(metrics)`:
 * workerHandler always does, httpHandler when given `{ middlewares: [logMetrics(metrics)] }`
 * (test/infra/bundles.test.ts checks that no API function holds Metrics without publishing them).
 */

/**
 * An invocation that records no metric is ordinary (a saga step that had nothing to count); Metrics
 * would warn about it on every such invocation, drowning the logs an on-call engineer reads.
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

/** The metrics as the use cases' port sees them (packages/app/src/ports/observability.ts). */
export const counters: Counters = {
  count: (name, value = 1) => metrics.addMetric(name, MetricUnit.Count, value),
};
