#!/usr/bin/env node
import { App, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { IepStack } from './iep-stack';

const app = new App();
const context = (name: string): string => {
  const value: unknown = app.node.tryGetContext(name);
  if (typeof value !== 'string' || value === '') {
    throw new Error(`Missing CDK context "${name}": pass it with -c ${name}=... (see README, "Deploy to AWS").`);
  }
  return value;
};

new IepStack(app, 'IepTracker', {
  domain: context('domain'),
  fromAddress: context('from'),
  alarmEmail: context('alarmEmail'),
  rawMailRetentionDays: Number(app.node.tryGetContext('rawMailRetentionDays') ?? 0),
  env: { account: process.env.CDK_DEFAULT_ACCOUNT, region: process.env.CDK_DEFAULT_REGION ?? 'us-east-1' },
});
Validations.of(app).addPlugins(new AwsSolutionsChecks(app, { verbose: true }));
