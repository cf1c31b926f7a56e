// The one logger of the project. Log ids, counts, states and durations; never message bodies,
// subjects, children's names or guardian addresses.
import { Logger } from '@aws-lambda-powertools/logger';

const LEVELS = ['DEBUG', 'INFO', 'WARN', 'ERROR', 'CRITICAL', 'SILENT'] as const;
type Level = (typeof LEVELS)[number];

function levelFromEnv(): Level {
  const wanted = (process.env.LOG_LEVEL ?? '').toUpperCase();
  const known = LEVELS.find((level) => level === wanted);
  if (known) return known;
  return process.env.VITEST ? 'SILENT' : 'INFO';
}

export const logger = new Logger({
  serviceName: process.env.POWERTOOLS_SERVICE_NAME ?? 'iep-service-tracker',
  logLevel: levelFromEnv(),
});
