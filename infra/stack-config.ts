// What a deployment is told on the command line (`cdk deploy -c name=value`), checked before
// anything is built: a missing or malformed value stops synthesis with a message naming it, so no
// example value ever reaches a real account.

/** Reads one context value, as `app.node.tryGetContext` does. */
export type ContextReader = (name: string) => unknown;

export interface StackConfig {
  /** Names the stack and its named resources, so several stages live in one account (`dev`, `prod`). */
  stage: string;
  domain: string;
  fromAddress: string;
  alarmEmail: string;
  rawMailRetentionDays: number;
  /**
   * The account's already active SES receipt rule set to add our rule to, instead of a rule set of
   * our own (only one rule set is active per account and region).
   */
  activeRuleSet: string | null;
  /** Cap each function's concurrency (needs that much unreserved quota in the account). Off by default. */
  reservedConcurrency: boolean;
  /** A custom MAIL FROM subdomain of `domain` (e.g. `mail`), or null for SES's own. */
  mailFromSubdomain: string | null;
}

export class StackConfigError extends Error {}

const DEPLOY_HINT = 'see README, "Deploy to AWS"';

function required(read: ContextReader, name: string, example: string): string {
  const value = read(name);
  if (typeof value !== 'string' || value.trim() === '') {
    throw new StackConfigError(`Missing CDK context "${name}": pass it with -c ${name}=${example} (${DEPLOY_HINT}).`);
  }
  return value.trim();
}

function optional(read: ContextReader, name: string): string | null {
  const value = read(name);
  if (value === undefined || value === null || value === '') return null;
  return String(value).trim();
}

function flag(read: ContextReader, name: string): boolean {
  const value = optional(read, name);
  if (value === null || value === 'false') return false;
  if (value === 'true') return true;
  throw new StackConfigError(`CDK context "${name}" must be true or false, not "${value}".`);
}

const ADDRESS = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const DOMAIN = /^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/;
const STAGE = /^[a-z][a-z0-9-]{0,11}$/;
const LABEL = /^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/;

export function stackConfig(read: ContextReader): StackConfig {
  const domain = required(read, 'domain', 'in.example.org').toLowerCase();
  if (!DOMAIN.test(domain)) throw new StackConfigError(`CDK context "domain" is not a domain name: "${domain}".`);
  const fromAddress = required(read, 'from', `tracker@${domain}`);
  if (!ADDRESS.test(fromAddress) || !fromAddress.toLowerCase().endsWith(`@${domain}`)) {
    throw new StackConfigError(`CDK context "from" must be an address on ${domain} (the verified domain).`);
  }
  const alarmEmail = required(read, 'alarmEmail', 'you@example.org');
  if (!ADDRESS.test(alarmEmail)) throw new StackConfigError(`CDK context "alarmEmail" is not an address.`);
  const stage = optional(read, 'stage') ?? 'dev';
  if (!STAGE.test(stage)) {
    throw new StackConfigError(
      `CDK context "stage" must be lower-case letters, digits and dashes (<= 12), not "${stage}".`,
    );
  }
  const retention = Number(optional(read, 'rawMailRetentionDays') ?? 0);
  if (!Number.isInteger(retention) || retention < 0) {
    throw new StackConfigError('CDK context "rawMailRetentionDays" must be a whole number of days (0 keeps raw mail).');
  }
  const mailFromSubdomain = optional(read, 'mailFrom');
  if (mailFromSubdomain !== null && !LABEL.test(mailFromSubdomain)) {
    throw new StackConfigError(`CDK context "mailFrom" must be one DNS label (e.g. mail), not "${mailFromSubdomain}".`);
  }
  return {
    stage,
    domain,
    fromAddress,
    alarmEmail,
    rawMailRetentionDays: retention,
    activeRuleSet: optional(read, 'activeRuleSet'),
    reservedConcurrency: flag(read, 'reservedConcurrency'),
    mailFromSubdomain,
  };
}

/** The stack's name in CloudFormation: one per stage. */
export const stackName = (stage: string) => `IepTracker-${stage}`;
