// Who is who at school, from the signatures in the child's mail.
import { describe, expect, it } from 'vitest';
import { messageAuthor, signatureLines, staffContacts } from '../../../shared/digest/staff-contacts';
import type { ReadMessage } from '../../../shared/mail/types';
import { audiencesOf } from '../../../shared/render/drafts';
import { readMessage } from '../../support/read-message';

function message(address: string, name: string | null, text: string): ReadMessage {
  return readMessage({ forwarded: true, author: { address, name }, text });
}

/** The contacts of messages as ingest keeps their authors. */
function contactsOf(messages: ReadMessage[], contactFilter: typeof filter) {
  return staffContacts(messages.map(messageAuthor), contactFilter);
}

const filter = { exclude: ['ana.rivera@example.com'], excludeDomains: ['in.example.org'] };

describe('staffContacts', () => {
  it('finds a speech-language pathologist and a case manager from their signatures', () => {
    // Act
    const contacts = contactsOf(
      [
        message(
          'PKim@Maplewood.k12.example',
          'Priya Kim',
          'Hi,\nMaya had speech today.\n\nPriya Kim, M.S., CCC-SLP\nSpeech-Language Pathologist\nMaplewood Elementary',
        ),
        message(
          'jlee@maplewood.k12.example',
          'Jordan Lee',
          'See you Thursday.\n\nJordan Lee\nEducation Specialist / Case Manager',
        ),
      ],
      filter,
    );

    // Assess
    expect(contacts.map((c) => c.address)).toEqual(['jlee@maplewood.k12.example', 'pkim@maplewood.k12.example']);
    const [caseManager, slp] = contacts;
    expect(audiencesOf(caseManager ?? { address: '' }).has('case-manager')).toBe(true);
    expect(audiencesOf(slp ?? { address: '' }).has('speech-language')).toBe(true);
  });

  it('never counts a guardian, our own domain or a message without an author', () => {
    // Act
    const contacts = contactsOf(
      [
        message('ana.rivera@example.com', 'Ana', 'Case Manager'),
        message('maya-abc@in.example.org', null, 'Case Manager'),
        { ...message('x@y.example', null, ''), author: null },
      ],
      filter,
    );

    // Assess
    expect(contacts).toEqual([]);
  });

  it('merges the roles of one address across messages', () => {
    // Act
    const contacts = contactsOf(
      [
        message('ot@school.example', 'Sam', 'Thanks\nSam\nOTR/L'),
        message('ot@school.example', null, 'Sam\nOccupational Therapist'),
      ],
      filter,
    );

    // Assess
    expect(contacts).toHaveLength(1);
    expect(contacts[0]?.name).toBe('Sam');
    expect(contacts[0]?.roles).toEqual(expect.arrayContaining(['OTR/L', 'Occupational Therapist']));
  });
});

describe('signatureLines', () => {
  it('keeps short lines from the end and drops prose, addresses and control characters', () => {
    // Act
    const lines = signatureLines(
      `${'A long paragraph of prose that goes on and on. '.repeat(3)}\n\nJo\u0007 Smith\nCase Manager\njo@school.example`,
    );

    // Assess
    expect(lines).toEqual(['Jo Smith', 'Case Manager']);
  });
});
