import { beforeAll, describe, expect, it } from 'vitest';
import { functions as catalog, environmentNames, type Grant } from '#infra/catalog';
import {
  functionsByCatalogName,
  onlyResourceOfType,
  type SynthesizedFaktura,
  synthesizeFaktura,
} from './template.ts';

describe('data table', () => {
  let faktura: SynthesizedFaktura;

  beforeAll(() => {
    faktura = synthesizeFaktura();
  });

  it('is one on-demand table keyed by pk/sk strings, with TTL on expiresAt', () => {
    // Assess
    faktura.template.resourceCountIs('AWS::DynamoDB::Table', 1);
    faktura.template.hasResourceProperties('AWS::DynamoDB::Table', {
      BillingMode: 'PAY_PER_REQUEST',
      KeySchema: [
        { AttributeName: 'pk', KeyType: 'HASH' },
        { AttributeName: 'sk', KeyType: 'RANGE' },
      ],
      TimeToLiveSpecification: { AttributeName: 'expiresAt', Enabled: true },
    });
  });

  it('has the generic indexes gsi1 and gsi2, string keys, projecting every attribute', () => {
    // Prepare
    const [, table] = onlyResourceOfType(faktura.json, 'AWS::DynamoDB::Table');

    // Assess
    expect(table.Properties.GlobalSecondaryIndexes).toEqual([
      {
        IndexName: 'gsi1',
        KeySchema: [
          { AttributeName: 'gsi1pk', KeyType: 'HASH' },
          { AttributeName: 'gsi1sk', KeyType: 'RANGE' },
        ],
        Projection: { ProjectionType: 'ALL' },
      },
      {
        IndexName: 'gsi2',
        KeySchema: [
          { AttributeName: 'gsi2pk', KeyType: 'HASH' },
          { AttributeName: 'gsi2sk', KeyType: 'RANGE' },
        ],
        Projection: { ProjectionType: 'ALL' },
      },
    ]);
    for (const name of ['pk', 'sk', 'gsi1pk', 'gsi1sk', 'gsi2pk', 'gsi2sk']) {
      expect(table.Properties.AttributeDefinitions).toContainEqual({
        AttributeName: name,
        AttributeType: 'S',
      });
    }
  });

  it('cannot be lost: point-in-time recovery, deletion protection, retained on stack deletion, encrypted', () => {
    // Assess
    faktura.template.hasResource('AWS::DynamoDB::Table', {
      DeletionPolicy: 'Retain',
      UpdateReplacePolicy: 'Retain',
      Properties: {
        PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
        DeletionProtectionEnabled: true,
        SSESpecification: { SSEEnabled: true },
      },
    });
  });

  it('gives its name to every function that reads or writes it', () => {
    // Prepare
    const [tableId] = onlyResourceOfType(faktura.json, 'AWS::DynamoDB::Table');
    const tableGrants: Grant[] = ['table:read', 'table:write'];
    const users = Object.entries(catalog)
      .filter(([, spec]) => (spec.grants as readonly Grant[]).some((g) => tableGrants.includes(g)))
      .map(([name]) => name);
    const byName = functionsByCatalogName(faktura.json);

    // Assess
    expect(users.length).toBeGreaterThan(0);
    for (const name of users) {
      const [, fn] = byName.get(name)!;
      expect(fn.Properties.Environment.Variables[environmentNames.tableName]).toEqual({ Ref: tableId });
    }
  });
});
