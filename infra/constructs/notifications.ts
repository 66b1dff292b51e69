import { CfnOutput, Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as ses from 'aws-cdk-lib/aws-ses';
import { Construct } from 'constructs';

export interface NotificationsProps {
  /** The domain the e-mails come from, e.g. `faktura.example.com`. */
  readonly domain: string;
  /** The local part of the sender address. */
  readonly senderLocalPart?: string;
}

/**
 * Outgoing e-mail (export results to the requesting user and the accounting contact): an SES domain
 * identity and a configuration set.
 *
 * Why a configuration set: it is where bounces and complaints are counted (reputation metrics) and
 * suppressed, and where an event destination can be added later without touching the handlers.
 * The domain's DKIM CNAME records are printed as stack outputs, to add to its DNS zone once.
 */
export class Notifications extends Construct {
  readonly identity: ses.EmailIdentity;
  readonly configurationSet: ses.ConfigurationSet;
  /** The `From` address of every notification. */
  readonly sender: string;

  constructor(scope: Construct, id: string, props: NotificationsProps) {
    super(scope, id);
    this.configurationSet = new ses.ConfigurationSet(this, 'ConfigurationSet', {
      reputationMetrics: true,
      sendingEnabled: true,
      suppressionReasons: ses.SuppressionReasons.BOUNCES_AND_COMPLAINTS,
      tlsPolicy: ses.ConfigurationSetTlsPolicy.REQUIRE,
    });
    this.identity = new ses.EmailIdentity(this, 'Identity', {
      identity: ses.Identity.domain(props.domain),
      configurationSet: this.configurationSet,
    });
    this.sender = `${props.senderLocalPart ?? 'faktura'}@${props.domain}`;

    this.identity.dkimRecords.forEach((record, index) => {
      new CfnOutput(this, `DkimRecord${index + 1}`, {
        description: `DKIM CNAME ${index + 1} of ${props.domain}`,
        value: `${record.name} CNAME ${record.value}`,
      });
    });
  }

  /** The ARN of the configuration set (the L2 construct exposes only its name). */
  get configurationSetArn(): string {
    return Stack.of(this).formatArn({
      service: 'ses',
      resource: 'configuration-set',
      resourceName: this.configurationSet.configurationSetName,
    });
  }

  /**
   * Lets `grantee` send e-mail from this identity through this configuration set, and nothing else:
   * SES checks `ses:SendEmail` against both the identity and the configuration set.
   */
  grantSendEmail(grantee: iam.IGrantable): iam.Grant {
    return iam.Grant.addToPrincipal({
      grantee,
      actions: ['ses:SendEmail'],
      resourceArns: [this.identity.emailIdentityArn, this.configurationSetArn],
    });
  }
}
