import { GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { afterEach, describe, expect, it } from 'vitest';
import { type ExportSystem, ExportSystemLimitReached } from '#app/ports/store';
import { maxExportSystems } from '#domain/export-tracking/systems';
import { exportSystemRepository, feedStart } from '../../src/export-systems.ts';
import { conditionFailed, mockedDb, table } from '../support/mocked-db.ts';

const { db, dynamo } = mockedDb();
const systems = exportSystemRepository(db);
afterEach(() => dynamo.reset());

const key = { pk: 'T#r1', sk: 'EXPORT-SYSTEMS' };
const system = (name: string, registeredAt = '2026-01-01T00:00:00.000Z'): ExportSystem => ({
  name,
  generation: `g-${name}`,
  registeredAt,
  frontier: feedStart,
});
const registry = (...entries: ExportSystem[]) => ({
  Item: { ...key, registered: Object.fromEntries(entries.map((entry) => [`S#${entry.name}`, entry])) },
});
const now = new Date('2026-11-02T08:00:00.000Z');

describe('exportSystemRepository', () => {
  it('lists the systems oldest registration first, read consistently', async () => {
    // Prepare
    dynamo.on(GetCommand).resolves(registry(system('b', '2026-02-01'), system('a', '2026-03-01')));

    // Act
    const listed = await systems.listExportSystems('r1');

    // Assess
    expect(listed.map((entry) => entry.name)).toEqual(['b', 'a']);
    expect(dynamo.commandCalls(GetCommand)[0]!.args[0].input).toEqual({
      TableName: table,
      Key: key,
      ConsistentRead: true,
    });
  });

  it('registers a reseller’s first system by creating the registry, only if it has none', async () => {
    // Prepare
    dynamo.on(GetCommand).resolves({});
    dynamo.on(UpdateCommand).resolves({});

    // Act
    const registered = await systems.registerExportSystem('r1', 'bi', now);

    // Assess
    expect(registered).toEqual({
      name: 'bi',
      generation: expect.stringMatching(/^[0-9a-f]{12}$/),
      registeredAt: now.toISOString(),
      frontier: feedStart,
    });
    expect(dynamo.commandCalls(UpdateCommand)[0]!.args[0].input).toEqual({
      TableName: table,
      Key: key,
      UpdateExpression: 'SET registered = :registered, #type = :type',
      ConditionExpression: 'attribute_not_exists(registered)',
      ExpressionAttributeNames: { '#type': 'type' },
      ExpressionAttributeValues: { ':registered': { 'S#bi': registered }, ':type': 'export-systems' },
    });
  });

  it('adds a system to the registry on the condition that it is absent and the limit not reached', async () => {
    // Prepare
    dynamo.on(GetCommand).resolves(registry(system('a')));
    dynamo.on(UpdateCommand).resolves({});

    // Act
    const registered = await systems.registerExportSystem('r1', 'bi', now);

    // Assess
    expect(dynamo.commandCalls(UpdateCommand)[0]!.args[0].input).toEqual({
      TableName: table,
      Key: key,
      UpdateExpression: 'SET registered.#entry = :entry',
      ConditionExpression:
        'attribute_exists(registered) AND attribute_not_exists(registered.#entry) AND size(registered) < :limit',
      ExpressionAttributeNames: { '#entry': 'S#bi' },
      ExpressionAttributeValues: { ':entry': registered, ':limit': maxExportSystems },
    });
  });

  it('answers the registration a system has, writing nothing', async () => {
    // Prepare
    dynamo.on(GetCommand).resolves(registry(system('bi')));

    // Act
    const registered = await systems.registerExportSystem('r1', 'bi', now);

    // Assess
    expect(registered).toEqual(system('bi'));
    expect(dynamo.commandCalls(UpdateCommand)).toHaveLength(0);
  });

  it('refuses a system past the limit (ExportSystemLimitReached)', async () => {
    // Prepare
    const full = Array.from({ length: maxExportSystems }, (_, index) => system(`s${index}`));
    dynamo.on(GetCommand).resolves(registry(...full));

    // Act
    const registered = systems.registerExportSystem('r1', 'one-more', now);

    // Assess
    await expect(registered).rejects.toBeInstanceOf(ExportSystemLimitReached);
    expect(dynamo.commandCalls(UpdateCommand)).toHaveLength(0);
  });

  it('reads again when a concurrent registration changed the registry, and finds the system it registered', async () => {
    // Prepare
    dynamo
      .on(GetCommand)
      .resolvesOnce({})
      .resolvesOnce(registry(system('bi')));
    dynamo.on(UpdateCommand).rejects(conditionFailed());

    // Act
    const registered = await systems.registerExportSystem('r1', 'bi', now);

    // Assess
    expect(registered).toEqual(system('bi'));
    expect(dynamo.commandCalls(GetCommand)).toHaveLength(2);
  });

  it('retires a system it has, and answers false for one it has not', async () => {
    // Prepare
    dynamo.on(UpdateCommand).resolvesOnce({}).rejectsOnce(conditionFailed());

    // Act
    const retired = await systems.retireExportSystem('r1', 'bi');
    const unknown = await systems.retireExportSystem('r1', 'bi');

    // Assess
    expect([retired, unknown]).toEqual([true, false]);
    expect(dynamo.commandCalls(UpdateCommand)[0]!.args[0].input).toEqual({
      TableName: table,
      Key: key,
      UpdateExpression: 'REMOVE registered.#entry',
      ConditionExpression: 'attribute_exists(registered.#entry)',
      ExpressionAttributeNames: { '#entry': 'S#bi' },
    });
  });

  it('moves a frontier only forward and only for the same registration; a lost race is no error', async () => {
    // Prepare
    dynamo.on(UpdateCommand).rejects(conditionFailed());

    // Act
    await systems.advanceFrontier('r1', system('bi'), '2026-11-01T00:00:00.000Z#inv9');

    // Assess
    expect(dynamo.commandCalls(UpdateCommand)[0]!.args[0].input).toEqual({
      TableName: table,
      Key: key,
      UpdateExpression: 'SET registered.#entry.frontier = :to',
      ConditionExpression: 'registered.#entry.generation = :generation AND registered.#entry.frontier < :to',
      ExpressionAttributeNames: { '#entry': 'S#bi' },
      ExpressionAttributeValues: { ':to': '2026-11-01T00:00:00.000Z#inv9', ':generation': 'g-bi' },
    });
  });
});
