import { type FromEnvInit, fromEnv } from '@aws-sdk/credential-provider-env';

/**
 * The AWS SDK's default credential chain, as a Lambda function needs it: the environment.
 *
 * Lambda hands a function its role's credentials in AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY and
 * AWS_SESSION_TOKEN, and the local runtime sets the same variables. The SDK's own chain
 * (`@aws-sdk/credential-provider-node`) tries the environment first too, and then SSO, profiles,
 * processes, web identity and the container and instance metadata endpoints, which a Lambda
 * function never reaches but which cost ~130 KB of every bundle, the STS and SSO clients among them
 * (`npm run bench`). Each SDK client imports that chain statically, so passing `credentials` to a
 * client would not leave it out of a bundle; instead infra/bundling.ts aliases the chain to this
 * module in the Lambda bundles only. Handlers run from source (the local runtime, the tests) keep
 * the SDK's full chain, whose first link is this one.
 *
 * The name is the one the SDK's clients import.
 */
export const defaultProvider = (init: FromEnvInit = {}) => fromEnv(init);
