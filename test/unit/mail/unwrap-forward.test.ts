import { describe, expect, it } from 'vitest';
import { classifySubject, unwrapForward } from '../../../shared/mail/unwrap-forward';

describe('unwrapForward', () => {
  it('a Spanish Gmail forward gives the original author, subject and date words', () => {
    // Prepare
    const body = [
      'Para el registro.',
      '',
      '---------- Forwarded message ---------',
      'De: Rosa Peña <rpena@pvisd.net>',
      'Date: mié, 9 sept 2026 a las 16:05',
      'Subject: Speech update',
      'To: Marisa Guzman <marisa.guzman@example.org>',
      '',
      'Hello Guzman family,',
    ].join('\n');

    // Act
    const found = unwrapForward(body, 'Fwd: Speech update');

    // Assess
    expect(found.forwarded).toBe(true);
    expect(found.from).toEqual({ address: 'rpena@pvisd.net', name: 'Rosa Peña' });
    expect(found.date).toBe('mié, 9 sept 2026 a las 16:05');
    expect(found.subject).toBe('Speech update');
    expect(found.note).toBe('Para el registro.');
    expect(found.message).toBe('Hello Guzman family,');
  });

  it('a Spanish Outlook forward (De/Enviado/Para/Asunto) under RV: is a forward', () => {
    // Prepare
    const body = [
      'De: Kendra Whitfield <kwhitfield@pvisd.net>',
      'Enviado: lunes, 9 de noviembre de 2026 15:05',
      'Para: Marisa Guzman <marisa.guzman@example.org>',
      'Asunto: SDI minutes',
      '',
      'Attached are the minutes.',
    ].join('\n');

    // Act
    const found = unwrapForward(body, 'RV: SDI minutes');

    // Assess
    expect(found.from?.address).toBe('kwhitfield@pvisd.net');
    expect(found.date).toBe('lunes, 9 de noviembre de 2026 15:05');
    expect(found.message).toBe('Attached are the minutes.');
  });

  it('the same header block under a reply subject is not a forward', () => {
    // Prepare
    const body = 'Thanks!\n\nFrom: A <a@x.org>\nSent: Monday, November 9, 2026 3:05 PM\nSubject: Minutes\n\nOld text';

    // Act
    const found = unwrapForward(body, 'RE: Minutes');

    // Assess
    expect(found.forwarded).toBe(false);
  });

  it('a Yahoo forward with its header fields run together on one line is read field by field', () => {
    // Prepare
    const body =
      '----- Forwarded Message ----- From: Ana <ana@x.org>To: "b@y.org" <b@y.org>Sent: Tuesday, November 2, 2021, 09:26:50 AM GMT+1Subject: Lunch\nBody text';

    // Act
    const found = unwrapForward(body);

    // Assess
    expect(found.from).toEqual({ address: 'ana@x.org', name: 'Ana' });
    expect(found.subject).toBe('Lunch');
    expect(found.date).toBe('Tuesday, November 2, 2021, 09:26:50 AM GMT+1');
    expect(found.message).toBe('Body text');
  });

  it('a memo heading (FROM/DATE/SUBJECT, no address) in plain mail is not a forward', () => {
    // Act
    const found = unwrapForward(
      'FROM: Principal Henderson\nDATE: November 2\nSUBJECT: Picture day\n\nPicture day is Thursday.',
      'News',
    );

    // Assess
    expect(found.forwarded).toBe(false);
  });

  it('plain mail is not a forward', () => {
    // Act
    const found = unwrapForward('Hi, Maya had speech today.\nFrom: the speech room', 'Speech');

    // Assess
    expect(found.forwarded).toBe(false);
    expect(found.from).toBeNull();
  });
});

describe('classifySubject', () => {
  it('reads forward and reply prefixes in several languages, and tags before them', () => {
    expect(classifySubject('Fwd: x')).toBe('forward');
    expect(classifySubject('RV: x')).toBe('forward');
    expect(classifySubject('[EXTERNAL] FW: x')).toBe('forward');
    expect(classifySubject('RE: x')).toBe('reply');
    expect(classifySubject('AW: x')).toBe('reply');
    expect(classifySubject('Speech: week 2')).toBe('plain');
    expect(classifySubject(null)).toBe('plain');
  });
});
