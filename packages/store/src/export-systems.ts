import { randomBytes } from 'node:crypto';
import { GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { documentClient, tableName } from './client.ts';
import { exportSystemsKey } from './keys.ts';

/**
 * The registry of the systems that pull a reseller's invoices through export tracking: one item
 * per reseller holding, per system, when it was registered, its *generation* (which registration
 * this is: what a retired system left behind is never read by the same name registered again) and
 * its *frontier* (how far into the reseller's feed its pending items have been written, see
 * pending-exports.ts).
 *
 * Registering writes this entry and nothing else, so it costs the same however many invoices the
 * reseller has; invoice creation never reads the registry. A reseller has at most
 * `maxExportSystems`, which bounds the item and the marks an invoice's header can carry.
 */
export const maxExportSystems = 20;

/** The frontier of a system that has not been through any of the feed: before every position in it. */
export const feedStart = '0';

export interface ExportSystem {
  readonly name: string;
  readonly generation: string;
  readonly registeredAt: string;
  /** The last feed position (`<createdAt>#<invoice>`) whose invoice has its pending item, or feedStart. */
  readonly frontier: string;
}

export class ExportSystemLimitReached extends Error {
  public override readonly name = 'ExportSystemLimitReached';
}

/**
 * Why entries are keyed `S#<name>` and read through their `name`: the SDK turns a map into a plain
 * object by assignment, so a bare `__proto__` key would not survive the read (see exported-to.ts).
 */
const entryKey = (system: string): string => `S#${system}`;

const readRegistry = async (reseller: string): Promise<ExportSystem[] | undefined> => {
  const { Item } = await documentClient.send(
    new GetCommand({ TableName: tableName(), Key: exportSystemsKey(reseller), ConsistentRead: true }),
  );
  const registered = Item?.registered as Record<string, ExportSystem> | undefined;
  return registered ? Object.values(registered) : undefined;
};

/** The reseller's systems, oldest registration first. */
export const listExportSystems = async (reseller: string): Promise<ExportSystem[]> =>
  ((await readRegistry(reseller)) ?? []).sort(
    (a, b) => a.registeredAt.localeCompare(b.registeredAt) || a.name.localeCompare(b.name),
  );

export const getExportSystem = async (reseller: string, system: string): Promise<ExportSystem | undefined> =>
  ((await readRegistry(reseller)) ?? []).find((entry) => entry.name === system);

const isConditionFailure = (error: unknown): boolean =>
  (error as Error).name === 'ConditionalCheckFailedException';

/** Concurrent registrations of the same reseller race on one item; a few rounds settle any of them. */
const attempts = 5;

/**
 * The system's registration: the one it has, or a new one (generation fresh, frontier at the start
 * of the feed). Throws ExportSystemLimitReached when the reseller already has `maxExportSystems`.
 * Each write is conditional on what was read, so two requests never register past the limit and a
 * system registered by both ends up with one generation.
 */
export const registerExportSystem = async (
  reseller: string,
  system: string,
  now: Date = new Date(),
): Promise<ExportSystem> => {
  for (let attempt = 0; attempt < attempts; attempt += 1) {
    const registry = await readRegistry(reseller);
    const known = registry?.find((entry) => entry.name === system);
    if (known) return known;
    if (registry && registry.length >= maxExportSystems)
      throw new ExportSystemLimitReached(`At most ${maxExportSystems} systems per reseller`);
    const entry: ExportSystem = {
      name: system,
      generation: randomBytes(6).toString('hex'),
      registeredAt: now.toISOString(),
      frontier: feedStart,
    };
    try {
      await documentClient.send(
        new UpdateCommand({
          TableName: tableName(),
          Key: exportSystemsKey(reseller),
          ...(registry
            ? {
                UpdateExpression: 'SET registered.#entry = :entry',
                ConditionExpression:
                  'attribute_exists(registered) AND attribute_not_exists(registered.#entry) AND size(registered) < :limit',
                ExpressionAttributeNames: { '#entry': entryKey(system) },
                ExpressionAttributeValues: { ':entry': entry, ':limit': maxExportSystems },
              }
            : {
                // The first system of the reseller (an item of an earlier layout has no `registered`).
                UpdateExpression: 'SET registered = :registered, #type = :type',
                ConditionExpression: 'attribute_not_exists(registered)',
                ExpressionAttributeNames: { '#type': 'type' },
                ExpressionAttributeValues: {
                  ':registered': { [entryKey(system)]: entry },
                  ':type': 'export-systems',
                },
              }),
        }),
      );
      return entry;
    } catch (error) {
      if (!isConditionFailure(error)) throw error;
    }
  }
  throw new Error(`The export systems of ${reseller} kept changing while ${system} was registered`);
};

/**
 * Retires a system: it no longer counts against the limit, and its pending items are left to
 * nobody (their index partition names this generation, which no registration has any more).
 * Its marks stay on the invoices: they are history, and what it took stays taken if it returns.
 * False when the reseller has no such system.
 */
export const retireExportSystem = async (reseller: string, system: string): Promise<boolean> => {
  try {
    await documentClient.send(
      new UpdateCommand({
        TableName: tableName(),
        Key: exportSystemsKey(reseller),
        UpdateExpression: 'REMOVE registered.#entry',
        ConditionExpression: 'attribute_exists(registered.#entry)',
        ExpressionAttributeNames: { '#entry': entryKey(system) },
      }),
    );
    return true;
  } catch (error) {
    if (isConditionFailure(error)) return false;
    throw error;
  }
};

/**
 * Moves the system's frontier forward to `to`, if this generation is still registered and no
 * other request has moved it further already (a frontier never goes back).
 */
export const advanceFrontier = async (reseller: string, system: ExportSystem, to: string): Promise<void> => {
  try {
    await documentClient.send(
      new UpdateCommand({
        TableName: tableName(),
        Key: exportSystemsKey(reseller),
        UpdateExpression: 'SET registered.#entry.frontier = :to',
        ConditionExpression:
          'registered.#entry.generation = :generation AND registered.#entry.frontier < :to',
        ExpressionAttributeNames: { '#entry': entryKey(system.name) },
        ExpressionAttributeValues: { ':to': to, ':generation': system.generation },
      }),
    );
  } catch (error) {
    if (!isConditionFailure(error)) throw error;
  }
};
