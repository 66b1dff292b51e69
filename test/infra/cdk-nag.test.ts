import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { App, Stack, Validations } from 'aws-cdk-lib';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import type { IConstruct } from 'constructs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MonthlyCloseSchedule } from '#infra/constructs/monthly-close-schedule';
import { FakturaStack } from '#infra/faktura-stack';
import { addNagChecks } from '#infra/nag';

/**
 * cdk-nag's AWS Solutions rules run on the app as `infra/app.ts` sets them up. A finding that is
 * not acknowledged fails the synthesis (in-process, `app.synth()` throws with the report).
 */

const outdirs: string[] = [];

function nagCheckedApp(): App {
  const outdir = mkdtempSync(path.join(tmpdir(), 'faktura-nag-'));
  outdirs.push(outdir);
  return new App({ outdir, context: { 'aws:cdk:bundling-stacks': [] } });
}

interface Acknowledgement {
  readonly path: string;
  readonly id: string;
  readonly reason: string;
}

function acknowledgementsIn(root: IConstruct): Acknowledgement[] {
  return root.node.findAll().flatMap((construct) =>
    construct.node.metadata
      .filter((entry) => entry.type === Validations.ACKNOWLEDGED_RULES_METADATA_KEY)
      .flatMap((entry) =>
        Object.entries(entry.data as Record<string, string>).map(([id, reason]) => ({
          path: construct.node.path,
          id: id.replace(/^[^:]+::/, ''),
          reason,
        })),
      ),
  );
}

afterAll(() => {
  for (const outdir of outdirs) rmSync(outdir, { recursive: true, force: true });
});

describe('cdk-nag AwsSolutions checks', () => {
  let app: App;
  let stack: FakturaStack;

  beforeAll(() => {
    app = nagCheckedApp();
    stack = new FakturaStack(app, 'Faktura');
    addNagChecks(app);
  });

  it('finds nothing that is not acknowledged on the Faktura stack', () => {
    // Act: in a test run, synth throws with the report on any unacknowledged finding.
    const assembly = app.synth();

    // Assess: and the report it writes holds no AwsSolutions violation either.
    const report = JSON.parse(readFileSync(path.join(assembly.directory, 'validation-report.json'), 'utf8'));
    const nagViolations = report.pluginReports
      .filter((r: { pluginName: string }) => r.pluginName === 'AwsSolutions')
      .flatMap((r: { violations: unknown[] }) => r.violations);
    expect(nagViolations).toEqual([]);
  });

  it('acknowledges findings on resources only, never on the stack or the app', () => {
    // Assess
    const paths = acknowledgementsIn(app).map((a) => a.path);
    expect(paths.length).toBeGreaterThan(0);
    expect(paths).not.toContain(stack.node.path);
    expect(paths).not.toContain(app.node.path);
  });

  it('gives every acknowledgement a specific reason', () => {
    // Assess
    for (const acknowledgement of acknowledgementsIn(app)) {
      expect(acknowledgement.id).toMatch(/^AwsSolutions-[A-Z]+\d+(\[.+\])?$/);
      expect(acknowledgement.reason.length, `${acknowledgement.path} ${acknowledgement.id}`).toBeGreaterThan(
        40,
      );
    }
  });

  it('acknowledges IAM wildcards one resource at a time, never every wildcard of a principal', () => {
    // Assess
    const wildcards = acknowledgementsIn(app).filter((a) => a.id.startsWith('AwsSolutions-IAM5'));
    for (const acknowledgement of wildcards)
      expect(acknowledgement.id).toMatch(/^AwsSolutions-IAM5\[Resource::.+\]$/);
  });

  it('fails the synthesis on a finding nobody acknowledged', () => {
    // Prepare
    const failing = nagCheckedApp();
    const faktura = new FakturaStack(failing, 'Faktura');
    new sqs.Queue(faktura, 'UnencryptedWithoutTls', { encryption: sqs.QueueEncryption.UNENCRYPTED });
    addNagChecks(failing);

    // Act & Assess
    expect(() => failing.synth()).toThrow(/AwsSolutions-SQS4|AwsSolutions-SQS2|AwsSolutions-SQS3/);
  });

  it('passes the monthly close schedule, so wiring its worker into the catalog keeps synth green', () => {
    // Prepare
    const scheduled = nagCheckedApp();
    const scheduleStack = new Stack(scheduled, 'MonthlyClose');
    const worker = new lambda.Function(scheduleStack, 'Worker', {
      runtime: lambda.Runtime.NODEJS_24_X,
      handler: 'index.handler',
      code: lambda.Code.fromInline('export const handler = async () => {}'),
    });
    // The stand-in worker is not under test (the catalog's functions are, above).
    Validations.of(worker).acknowledge({
      id: 'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]',
      reason: 'test stand-in for the monthly close worker, not deployed',
    });
    new MonthlyCloseSchedule(scheduleStack, 'MonthlyClose', { target: worker });
    addNagChecks(scheduled);

    // Act & Assess
    expect(() => scheduled.synth()).not.toThrow();
  });
});
