import { RemovalPolicy, Validations } from 'aws-cdk-lib';
import type * as iam from 'aws-cdk-lib/aws-iam';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import { Construct } from 'constructs';

/**
 * The key that signs the cursors of paged lists (HMAC-SHA256, packages/lambda-kit/src/page-cursor.ts):
 * a Secrets Manager secret whose value CloudFormation generates at the first deployment, so no
 * person and no repository ever holds it. The list functions read it once per container.
 */
export class CursorKey extends Construct {
  readonly secret: secretsmanager.Secret;

  constructor(scope: Construct, id: string) {
    super(scope, id);
    this.secret = new secretsmanager.Secret(this, 'Secret', {
      description: 'Faktura: the HMAC-SHA256 key that signs the cursors of paged lists',
      generateSecretString: { passwordLength: 64, excludePunctuation: true, includeSpace: false },
      // Replacing the key only makes the cursors in flight invalid (422 cursor: the client starts
      // the list again), but a deleted secret is gone for good: keep it when the stack goes.
      removalPolicy: RemovalPolicy.RETAIN,
    });
    Validations.of(this.secret).acknowledge({
      id: 'AwsSolutions-SMG4',
      reason:
        'The cursor signing key needs no rotation Lambda: a cursor lives for one paging session, so a new value (a redeployment, or a manual rotation) only sends clients back to the first page; nothing it signs is stored.',
    });
  }

  /** Read the key (GetSecretValue and DescribeSecret on this one secret). */
  grantRead(grantee: iam.IGrantable): iam.Grant {
    return this.secret.grantRead(grantee);
  }
}
