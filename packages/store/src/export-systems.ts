import { randomBytes } from 'node:crypto';
import { GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { type ExportSystem, ExportSystemLimitReached } from '#app/ports/store';
import { maxExportSystems } from '#domain/export-tracking/systems';
import type { Db } from './db.ts';
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
 * `maxExportSystems` (#domain/export-tracking/systems), which bounds the item and the marks an invoice's header
 * can carry.
 */
/** The frontier of a system that has not been through any of the feed: before every position in it. */
export const feedStart = '0';

/**
 * Why entries are keyed `S#<name>` and read through their `name`: the SDK turns a map into a plain
 * object by assignment, so a bare `__proto__` key would not survive the read (see packages/app/src/ports/store/exported-to.ts).
 */
const entryKey = (system: string): string => `S#${system}`;

const readRegistry = async (db: Db, reseller: string): Promise<ExportSystem[] | undefined> => {
  const { Item } = await db.client.send(
    new GetCommand({ TableName: db.tableName, Key: exportSystemsKey(reseller), ConsistentRead: true }),
  );
  const registered = Item?.registered as Record<string, ExportSystem> | undefined;
  return registered ? Object.values(registered) : undefined;
};

const isConditionFailure = (error: unknown): boolean =>
  (error as Error).name === 'ConditionalCheckFailedException';

/** Concurrent registrations of the same reseller race on one item; a few rounds settle any of them. */
const attempts = 5;

/** The registry of the systems that pull a reseller's invoices. */
export const exportSystemRepository = (db: Db) => {
  /** The reseller's systems, oldest registration first. */
  const listExportSystems = async (reseller: string): Promise<ExportSystem[]> =>
    ((await readRegistry(db, reseller)) ?? []).sort(
      (a, b) => a.registeredAt.localeCompare(b.registeredAt) || a.name.localeCompare(b.name),
    );

  const getExportSystem = async (reseller: string, system: string): Promise<ExportSystem | undefined> =>
    ((await readRegistry(db, reseller)) ?? []).find((entry) => entry.name === system);

  /**
   * The system's registration: the one it has, or a new one (generation fresh, frontier at the start
   * of the feed). Throws ExportSystemLimitReached when the reseller already has `maxExportSystems`.
   * Each write is conditional on what was read, so two requests never register past the limit and a
   * system registered by both ends up with one generation.
   */
  const registerExportSystem = async (
    reseller: string,
    system: string,
    now: Date = new Date(),
  ): Promise<ExportSystem> => {
    for (let attempt = 0; attempt < attempts; attempt += 1) {
      const registry = await readRegistry(db, reseller);
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
        await db.client.send(
          new UpdateCommand({
            TableName: db.tableName,
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
  const retireExportSystem = async (reseller: string, system: string): Promise<boolean> => {
    try {
      await db.client.send(
        new UpdateCommand({
          TableName: db.tableName,
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
  const advanceFrontier = async (reseller: string, system: ExportSystem, to: string): Promise<void> => {
    try {
      await db.client.send(
        new UpdateCommand({
          TableName: db.tableName,
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

  return { listExportSystems, getExportSystem, registerExportSystem, retireExportSystem, advanceFrontier };
};
