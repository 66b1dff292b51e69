/**
 * DynamoDB's endpoint discovery, left out of the Lambda bundles.
 *
 * The DynamoDB client's constructor still resolves its endpoint-discovery settings and builds an
 * endpoint cache for them (an LRU cache of `mnemonist`, ~8.5 KB of every bundle that reads the
 * table, with its helpers), but none of its commands discovers endpoints any more: no command adds
 * the discovery step to its stack, so the cache is never read. infra/bundling.ts aliases the
 * module to this one in the Lambda bundles only, and `test/infra/bundles.test.ts` holds the
 * premise (only the client's constructor and its runtime config import the module). Handlers run
 * from source keep the SDK's module.
 *
 * The names are the ones the DynamoDB client imports.
 */

export class EndpointDiscoveryNotBundled extends Error {
  public override readonly name = 'EndpointDiscoveryNotBundled';
}

/** Discovery is never on: nothing would read what it found. */
export const NODE_ENDPOINT_DISCOVERY_CONFIG_OPTIONS = {
  environmentVariableSelector: (): undefined => undefined,
  configFileSelector: (): undefined => undefined,
  default: undefined,
};

/** The client's settings without the endpoint cache; asking for discovery says it is not here. */
export const resolveEndpointDiscoveryConfig = <Input extends object>(
  input: Input,
  { endpointDiscoveryCommandCtor }: { readonly endpointDiscoveryCommandCtor: unknown },
) => {
  if ((input as { readonly endpointDiscoveryEnabled?: boolean }).endpointDiscoveryEnabled)
    throw new EndpointDiscoveryNotBundled(
      'The Lambda bundles leave the SDK’s endpoint discovery out (packages/lambda-kit/src/no-endpoint-discovery.ts): remove the alias in infra/bundling.ts to enable it',
    );
  return Object.assign(input, {
    endpointDiscoveryCommandCtor,
    endpointDiscoveryEnabled: () => Promise.resolve(false),
    isClientEndpointDiscoveryEnabled: false,
  });
};
