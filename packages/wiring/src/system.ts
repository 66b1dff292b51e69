/** The real clock and id source the handlers give their use cases. */
import type { Clock } from '#app/ports/clock';
import type { Ids } from '#app/ports/ids';
import { newId } from '#domain/ids';

export const systemClock: Clock = { now: () => new Date() };

export const objectIds: Ids = { newId };
