// The welcome mail to a new child's guardians, sent once per child.
import { calendarLink } from '../calendar-feed/calendar-feed';
import type { IngestDeps } from '../ingest/ingest-deps';
import { languageOf } from '../render/language';
import { renderWelcomeEmail } from '../render/welcome-email';
import { wordingFor } from '../render/wording';
import type { Child } from '../store/families';
import { sendToGuardians } from './send-to-guardians';

export async function sendWelcome(deps: IngestDeps, child: Child): Promise<boolean> {
  const calendarUrl = deps.calendarBaseUrl ? await calendarLink(deps, child.id, deps.calendarBaseUrl) : null;
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
