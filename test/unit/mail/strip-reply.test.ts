import { describe, expect, it } from 'vitest';
import { stripReply } from '../../../shared/mail/strip-reply';

describe('stripReply', () => {
  it('a Gmail "On ... wrote:" header wrapped over two lines ends the author text', () => {
    // Act
    const text = stripReply(
      'Yes, 30 minutes.\n\nOn Tue, Nov 3, 2026 at 8:12 AM Ana Rivera <ana@x.org>\nwrote:\n\n> Did she?',
    );

    // Assess
    expect(text).toBe('Yes, 30 minutes.');
  });

  it('a Spanish "El ... escribió:" header ends the author text', () => {
    // Act
    const text = stripReply(
      'Sí, gracias.\n\nEl mar, 3 nov 2026 a las 8:12, Ana <ana@x.org> escribió:\n> ¿Tuvo terapia?',
    );

    // Assess
    expect(text).toBe('Sí, gracias.');
  });

  it('an Outlook "-----Original Message-----" block is history', () => {
    // Act
    const text = stripReply('Done.\n\n-----Original Message-----\nFrom: Ana\nSent: Monday\nSubject: x\n\nPlease do.');

    // Assess
    expect(text).toBe('Done.');
  });

  it('a Yahoo header without ">" quoting is history', () => {
    // Act
    const text = stripReply(
      'Fine by me.\n\n  On Tuesday, November 2, 2021, 03:01:36 PM GMT+1, John Doe <john@x.org> wrote:\n\nUnquoted old text',
    );

    // Assess
    expect(text).toBe('Fine by me.');
  });

  it('an inline reply keeps the answers and drops the quoted lines', () => {
    // Act
    const text = stripReply('> Did Maya have OT?\nYes, Tuesday.\n> And speech?\nNo, the SLP was out.');

    // Assess
    expect(text).toBe('Yes, Tuesday.\n\nNo, the SLP was out.');
  });

  it('a sentence that starts with "On" is not a quote header', () => {
    // Prepare
    const body = 'On Monday she had speech.\nOn the other hand, OT was missed.';

    // Act / Assess
    expect(stripReply(body)).toBe(body);
  });

  it('the signature stays', () => {
    // Act / Assess
    expect(stripReply('Hello\n\nSent from my iPhone')).toBe('Hello\n\nSent from my iPhone');
  });

  it('a memo heading in the author text (TO/FROM/DATE) is not quoted history', () => {
    // Prepare
    const body =
      'Dear families,\n\nTO: All 3rd grade families\nFROM: Principal Henderson\nDATE: November 2, 2026\n\nPicture day is Thursday.';

    // Act / Assess
    expect(stripReply(body)).toBe(body);
  });
});
