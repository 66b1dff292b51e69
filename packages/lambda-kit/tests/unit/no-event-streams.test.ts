import { describe, expect, it } from 'vitest';
import {
  EventStreamSerde,
  EventStreamsNotBundled,
  eventStreamSerdeProvider,
} from '../../src/no-event-streams.ts';

describe('no-event-streams (what the Lambda bundles have in place of the SDK’s event streams)', () => {
  it('says where the support went when an operation asks for its marshaller', () => {
    // Act
    const ask = () => eventStreamSerdeProvider();

    // Assess
    expect(ask).toThrowError(EventStreamsNotBundled);
    expect(ask).toThrowError(/no-event-streams\.ts.*infra\/bundling\.ts/);
  });

  it('says so when the protocol builds its serde', () => {
    // Act
    const build = () => new EventStreamSerde();

    // Assess
    expect(build).toThrowError(EventStreamsNotBundled);
  });
});
