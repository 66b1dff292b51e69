import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import { Construct } from 'constructs';

/**
 * The token claims the handlers authorize with. Cognito prefixes custom attributes with `custom:`
 * in the ID token; the HTTP API's JWT authorizer hands every claim to the handler at
 * `event.requestContext.authorizer.jwt.claims`.
 */
export const identityClaims = {
  role: 'custom:role',
  reseller: 'custom:reseller',
  customer: 'custom:customer',
  email: 'email',
} as const;

/**
 * Who may call the API: a Cognito user pool whose users carry their role (ADMIN, RESELLER, USER),
 * their reseller and their customer as custom attributes, and one app client for the web front end.
 *
 * Clients sign in through the app client and send the **ID token** (not the access token: only the
 * ID token carries custom attributes) as `Authorization: Bearer <id token>`.
 */
export class UserPool extends Construct {
  readonly userPool: cognito.UserPool;
  readonly client: cognito.UserPoolClient;

  constructor(scope: Construct, id: string) {
    super(scope, id);
    this.userPool = new cognito.UserPool(this, 'Pool', {
      // Users are invited by an administrator, never self-registered: a role is a grant of access.
      selfSignUpEnabled: false,
      signInAliases: { email: true },
      signInCaseSensitive: false,
      standardAttributes: { email: { required: true, mutable: true } },
      customAttributes: {
        role: new cognito.StringAttribute({ minLen: 3, maxLen: 16, mutable: true }),
        reseller: new cognito.StringAttribute({ minLen: 24, maxLen: 24, mutable: true }),
        customer: new cognito.StringAttribute({ minLen: 24, maxLen: 24, mutable: true }),
      },
      // Invoices and wholesale prices are business secrets: every sign-in needs a second factor.
      mfa: cognito.Mfa.REQUIRED,
      mfaSecondFactor: { otp: true, sms: false },
      passwordPolicy: {
        minLength: 12,
        requireLowercase: true,
        requireUppercase: true,
        requireDigits: true,
        requireSymbols: true,
        tempPasswordValidity: Duration.days(3),
      },
      accountRecovery: cognito.AccountRecovery.EMAIL_ONLY,
      // Threat protection (compromised credentials, adaptive authentication) needs the Plus plan; for a
      // back office of a few hundred users its per-user price is small against what a takeover costs.
      featurePlan: cognito.FeaturePlan.PLUS,
      standardThreatProtectionMode: cognito.StandardThreatProtectionMode.FULL_FUNCTION,
      deletionProtection: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });

    this.client = this.userPool.addClient('WebClient', {
      // A browser cannot keep a client secret.
      generateSecret: false,
      authFlows: { userSrp: true },
      disableOAuth: true,
      preventUserExistenceErrors: true,
      idTokenValidity: Duration.hours(1),
      accessTokenValidity: Duration.hours(1),
      refreshTokenValidity: Duration.days(1),
      readAttributes: new cognito.ClientAttributes()
        .withStandardAttributes({ email: true, emailVerified: true, fullname: true })
        .withCustomAttributes('role', 'reseller', 'customer'),
      // By default a client may write every attribute, so a user could make themselves ADMIN with
      // UpdateUserAttributes. Role, reseller and customer are set by administrators only
      // (AdminUpdateUserAttributes is not bound by the client's write list).
      writeAttributes: new cognito.ClientAttributes().withStandardAttributes({ fullname: true }),
    });
  }
}
