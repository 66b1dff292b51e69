import { describe, expect, it } from 'vitest';
import {
  EndpointDiscoveryNotBundled,
  NODE_ENDPOINT_DISCOVERY_CONFIG_OPTIONS,
  resolveEndpointDiscoveryConfig,
} from '../../src/no-endpoint-discovery.ts';

class DescribeEndpoints {}

describe('the bundles’ stand-in for DynamoDB’s endpoint discovery', () => {
  it('resolves the client’s settings with discovery off and no endpoint cache', async () => {
    // Prepare
    const input = { region: 'eu-west-1' };

    // Act
    const resolved = resolveEndpointDiscoveryConfig(input, {
      endpointDiscoveryCommandCtor: DescribeEndpoints,
    });

    // Assess: the SDK's resolver also keeps the command and tells whether the client asked
    expect(resolved).toBe(input);
    expect(resolved).toEqual({
      region: 'eu-west-1',
      endpointDiscoveryCommandCtor: DescribeEndpoints,
      endpointDiscoveryEnabled: expect.any(Function),
      isClientEndpointDiscoveryEnabled: false,
    });
    expect(await resolved.endpointDiscoveryEnabled()).toBe(false);
    expect('endpointCache' in resolved).toBe(false);
  });

  it('reads no setting from the environment or the config file', () => {
    // Act
    const fromEnvironment = NODE_ENDPOINT_DISCOVERY_CONFIG_OPTIONS.environmentVariableSelector();
    const fromFile = NODE_ENDPOINT_DISCOVERY_CONFIG_OPTIONS.configFileSelector();

    // Assess
    expect([fromEnvironment, fromFile, NODE_ENDPOINT_DISCOVERY_CONFIG_OPTIONS.default]).toEqual([
      undefined,
      undefined,
      undefined,
    ]);
  });

  it('says discovery is not bundled when a client asks for it', () => {
    // Act
    const resolve = () =>
      resolveEndpointDiscoveryConfig(
        { endpointDiscoveryEnabled: true },
        { endpointDiscoveryCommandCtor: DescribeEndpoints },
      );

    // Assess
    expect(resolve).toThrow(EndpointDiscoveryNotBundled);
  });
});
