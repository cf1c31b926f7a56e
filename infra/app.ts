#!/usr/bin/env node
import { App, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { IepStack } from './iep-stack';
import { StackConfigError, stackConfig, stackName } from './stack-config';

const app = new App();
let config: ReturnType<typeof stackConfig>;
try {
  config = stackConfig((name) => app.node.tryGetContext(name));
} catch (error) {
  if (!(error instanceof StackConfigError)) throw error;
  // A plain message and a non-zero exit: `cdk synth` and `cdk deploy` stop here, nothing is deployed.
  process.stderr.write(`${error.message}\n`);
  process.exit(1);
}

new IepStack(app, stackName(config.stage), {
  ...config,
  env: { account: process.env.CDK_DEFAULT_ACCOUNT, region: process.env.CDK_DEFAULT_REGION ?? 'us-east-1' },
});
Validations.of(app).addPlugins(new AwsSolutionsChecks(app, { verbose: true }));
