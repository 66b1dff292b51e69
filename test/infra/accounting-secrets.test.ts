import { beforeAll, describe, expect, it } from 'vitest';
import { functions as catalog, environmentNames, type Grant } from '#infra/catalog';
import {
  actionsOf,
  functionsByCatalogName,
  type PolicyStatement,
  resourcesOfType,
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

/** Statements on secrets other than the stack's own cursor key (cursor-key.test.ts checks that one). */
const secretStatements = (statements: PolicyStatement[]) =>
  statements.filter(
    (s) =>
      actionsOf([s]).some((a) => a.startsWith('secretsmanager:')) &&
      !cursorKeyIds.some((id) => JSON.stringify(s.Resource) === JSON.stringify({ Ref: id })),
  );
let cursorKeyIds: string[] = [];

describe('accounting secrets', () => {
  let faktura: SynthesizedFaktura;

  beforeAll(() => {
    faktura = synthesizeFaktura();
    cursorKeyIds = resourcesOfType(faktura.json, 'AWS::SecretsManager::Secret').map(([id]) => id);
  });

  it('creates no accounting secret: the API creates one per reseller and system at runtime', () => {
    // Assess: the one secret the stack makes is the cursor signing key (cursor-key.test.ts).
    const secrets = resourcesOfType(faktura.json, 'AWS::SecretsManager::Secret');
    expect(secrets.map(([, secret]) => secret.Properties.Name)).toEqual([undefined]);
    expect(secrets.map(([, secret]) => secret.Properties.Description)).toEqual([
      'Faktura: the HMAC-SHA256 key that signs the cursors of paged lists',
    ]);
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
