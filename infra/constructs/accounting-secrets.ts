import { ArnFormat, Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import { Construct } from 'constructs';
import { acknowledgeWildcardResource } from '../nag.ts';

/** The name prefix of every accounting credential secret (`faktura/accounting/<reseller>/<system>`). */
export const defaultAccountingSecretPrefix = 'faktura/accounting/';

export interface AccountingSecretsProps {
  readonly prefix?: string;
}

/**
 * The reseller's e-conomic / Uniconta credentials, in AWS Secrets Manager under one name prefix.
 *
 * The stack creates no secret: the API creates and updates them when a reseller connects an
 * accounting system (`CreateSecret` / `PutSecretValue`), so the stack owns only the boundary, an
 * IAM scope of `secret:<prefix>*` that nothing outside it can reach. Secrets are encrypted with
 * the account's `aws/secretsmanager` key, which needs no key policy of ours.
 */
export class AccountingSecrets extends Construct {
  readonly prefix: string;
  /** Matches every secret under the prefix; Secrets Manager appends a random 6-character suffix to each ARN. */
  readonly secretArnPattern: string;

  constructor(scope: Construct, id: string, props: AccountingSecretsProps = {}) {
    super(scope, id);
    this.prefix = props.prefix ?? defaultAccountingSecretPrefix;
    if (!this.prefix.endsWith('/'))
      throw new Error(`Accounting secret prefix must end with "/": ${this.prefix}`);
    this.secretArnPattern = Stack.of(this).formatArn({
      service: 'secretsmanager',
      resource: 'secret',
      resourceName: `${this.prefix}*`,
      arnFormat: ArnFormat.COLON_RESOURCE_NAME,
    });
  }

  /** Read a reseller's credentials. */
  grantRead(grantee: iam.IGrantable): iam.Grant {
    return this.grant(grantee, ['secretsmanager:GetSecretValue', 'secretsmanager:DescribeSecret']);
  }

  /** Create or replace a reseller's credentials (connecting or reconnecting an accounting system). */
  grantWrite(grantee: iam.IGrantable): iam.Grant {
    return this.grant(grantee, [
      'secretsmanager:CreateSecret',
      'secretsmanager:PutSecretValue',
      'secretsmanager:UpdateSecret',
      'secretsmanager:DescribeSecret',
      'secretsmanager:TagResource',
    ]);
  }

  private grant(grantee: iam.IGrantable, actions: string[]): iam.Grant {
    const grant = iam.Grant.addToPrincipal({ grantee, actions, resourceArns: [this.secretArnPattern] });
    // The wildcard is the point: the secret names are only known at runtime, one per reseller and system.
    if (grantee.grantPrincipal instanceof iam.Role) {
      acknowledgeWildcardResource(
        grantee.grantPrincipal,
        this.secretArnPattern,
        `Accounting credentials are created at runtime, one secret per reseller and system, all under ${this.prefix}; the scope is that prefix and nothing else.`,
      );
    }
    return grant;
  }
}
