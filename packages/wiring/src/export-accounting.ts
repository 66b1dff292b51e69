/**
 * The accounting system of a running export, for the saga steps that call it (batch, compensate).
 * Apart from the other export wiring because it reads the credentials from Secrets Manager: the
 * steps that never call the accounting system then bundle no Secrets Manager client.
 */
import { exportAccounting } from '#app/exports/export-accounting';
import { log } from '#lambda/observability';
import { accountingSystems } from './accounting.ts';
import { credentialStore } from './credential-store.ts';
import { integrationStore } from './store.ts';

/** Created once per container: it keeps one adapter per export across warm invocations. */
export const accountingFor = exportAccounting({
  integrations: integrationStore,
  credentials: credentialStore,
  systems: accountingSystems,
  log,
});
