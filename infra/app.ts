import { App } from 'aws-cdk-lib';
import { FakturaStack } from './faktura-stack.ts';
import { addNagChecks } from './nag.ts';
import { settingsFromContext } from './stack-config.ts';

/**
 * The CDK app (`cdk.json`: `npx tsx infra/app.ts`).
 *
 * The stack is environment-agnostic (no account, no region): `cdk synth` then needs no credentials
 * and gives the same template on every machine, and `cdk deploy` takes the account and region of
 * the profile it runs with. Nothing in the stack needs a concrete account or region at synth time
 * (no lookups, no cross-region references).
 */
const app = new App();
new FakturaStack(app, 'Faktura', settingsFromContext(app.node));
addNagChecks(app);
