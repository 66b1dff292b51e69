import { beforeAll, describe, expect, it } from 'vitest';
import { functions as catalog, environmentNames, type Grant } from '#infra/catalog';
import {
  actionsOf,
  functionsByCatalogName,
  type PolicyStatement,
  roleOfFunction,
  type SynthesizedFaktura,
  statementsOfRole,
  synthesizeFaktura,
} from './template.ts';

const secretsPrefixArn = {
  'Fn::Join': [
    '',
    [
      'arn:',
      { Ref: 'AWS::Partition' },
      ':secretsmanager:',
      { Ref: 'AWS::Region' },
      ':',
      { Ref: 'AWS::AccountId' },
      ':secret:faktura/accounting/*',
    ],
  ],
};

const secretGrants: Grant[] = ['accounting-secrets:read', 'accounting-secrets:write'];
const secretUsers = Object.entries(catalog).filter(([, spec]) =>
  (spec.grants as readonly Grant[]).some((g) => secretGrants.includes(g)),
);

const secretStatements = (statements: PolicyStatement[]) =>
  statements.filter((s) => actionsOf([s]).some((a) => a.startsWith('secretsmanager:')));

describe('accounting secrets', () => {
  let faktura: SynthesizedFaktura;

  beforeAll(() => {
    faktura = synthesizeFaktura();
  });

  it('creates no secret: the API creates one per reseller and system at runtime', () => {
    // Assess
    faktura.template.resourceCountIs('AWS::SecretsManager::Secret', 0);
  });

  it.each(secretUsers)('scopes the secrets access of %s to the faktura/accounting/ prefix', (name, spec) => {
    // Prepare
    const [, fn] = functionsByCatalogName(faktura.json).get(name)!;
    const statements = secretStatements(statementsOfRole(faktura.json, roleOfFunction(fn)));
    const grants = spec.grants as readonly Grant[];

    // Assess
    expect(statements.length).toBeGreaterThan(0);
    for (const statement of statements) expect(statement.Resource).toEqual(secretsPrefixArn);
    expect(actionsOf(statements)).toContain('secretsmanager:GetSecretValue');
    if (!grants.includes('accounting-secrets:write')) {
      expect(actionsOf(statements)).not.toContain('secretsmanager:PutSecretValue');
      expect(actionsOf(statements)).not.toContain('secretsmanager:CreateSecret');
    }
    expect(fn.Properties.Environment.Variables[environmentNames.accountingSecretPrefix]).toBe(
      'faktura/accounting/',
    );
  });

  it('gives no other function any secrets access', () => {
    // Prepare
    const users = new Set(secretUsers.map(([name]) => name));
    const others = [...functionsByCatalogName(faktura.json)].filter(([name]) => !users.has(name));

    // Assess
    for (const [, [, fn]] of others) {
      expect(secretStatements(statementsOfRole(faktura.json, roleOfFunction(fn)))).toEqual([]);
    }
  });
});
