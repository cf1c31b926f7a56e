// The welcome mail to a new child's guardians, sent once per child.
import { calendarLink } from '../calendar-feed/calendar-feed';
import type { IngestDeps } from '../ingest/ingest-deps';
import { logger } from '../observability/logger';
import { languageOf } from '../render/language';
import { renderWelcomeEmail } from '../render/welcome-email';
import { wordingFor } from '../render/wording';
import type { Child, CreateChildInput } from '../store/families';
import { sendToGuardians } from './send-to-guardians';

export async function sendWelcome(deps: IngestDeps, child: Child): Promise<boolean> {
  const calendarUrl = deps.calendarBaseUrl ? await calendarLink(deps, child, deps.calendarBaseUrl) : null;
  return sendToGuardians(deps, child, 'welcome', {
    to: child.guardians,
    replyTo: [child.inboundAddress],
    ...renderWelcomeEmail({
      childName: child.name,
      address: child.inboundAddress,
      say: wordingFor(languageOf(child)),
      calendarUrl,
    }),
  });
}

/**
 * A new child, and the welcome mail to its guardians. The child exists either way: a welcome that
 * could not be sent can be sent again with `welcomeChild`.
 */
export async function registerChild(deps: IngestDeps, input: CreateChildInput): Promise<Child> {
  const child = await deps.children.create(input);
  await sendWelcome(deps, child).catch((error: unknown) => {
    logger.warn('welcome not sent', { error: error instanceof Error ? error.name : 'unknown' });
  });
  return child;
}

/** Sends the welcome mail to the child's guardians (once per child); false when sent before or no child. */
export async function welcomeChild(deps: IngestDeps, childId: string): Promise<boolean> {
  const child = await deps.children.get(childId);
  return child ? sendWelcome(deps, child) : false;
}
