// The stack as `cdk synth` builds it from the example context, without bundling: tests read the
// template, not the code inside it.
import { readFileSync } from 'node:fs';
import { App } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { IepStack } from '../../infra/iep-stack';
import { stackConfig, stackName } from '../../infra/stack-config';

export const EXAMPLE_CONTEXT = {
  domain: 'inbound.example.org',
  from: 'tracker@inbound.example.org',
  alarmEmail: 'operator@example.org',
} as const;

export function synthStack(context: Record<string, string> = {}) {
  const { context: flags } = JSON.parse(readFileSync('cdk.json', 'utf8')) as { context: Record<string, unknown> };
  const app = new App({ context: { ...flags, 'aws:cdk:bundling-stacks': [] } });
  const config = stackConfig((name) => ({ ...EXAMPLE_CONTEXT, ...context })[name]);
  const stack = new IepStack(app, stackName(config.stage), {
    ...config,
    env: { account: '123456789012', region: 'us-east-1' },
  });
  return { app, stack, template: Template.fromStack(stack) };
}
