// Where a session was and with whom, as people write it: a missed session named by its room, a
// grouping told in words that hold a shorter word of the other kind, a teacher named after her
// classroom, and a meeting about the child held without the child.
import { describe, expect, it } from 'vitest';
import { readSessions as read } from '../../support/read-sessions';

// 2027-03-05 is a Friday.
const SENT = '2027-03-05';

describe('a missed session named by its room', () => {
  it('a miss of the service the room is named for is in that room', () => {
    // Prepare
    const text = 'Wednesday there was no resource reading because Mr. Pell was out sick.';
    // Act
    const found = read(text, SENT);
    // Assess
    expect(found).toEqual([
      expect.objectContaining({
        date: '2027-03-03',
        service: 'specialized-academic-instruction',
        status: 'missed',
        location: 'separate',
      }),
    ]);
  });

  it('a room named for another service is where the child was, not the missed session', () => {
    // Prepare
    const text = 'On Tuesday she missed her speech because she was working in the resource room.';
    // Act
    const found = read(text, SENT);
    // Assess
    expect(found).toEqual([
      expect.objectContaining({ date: '2027-03-02', service: 'speech-language', status: 'missed', location: null }),
    ]);
  });
});

describe('groupings in words', () => {
  it('"just her and one other" is a group, though "just her" alone would be one-on-one', () => {
    // Prepare
    const text = 'Thursday she had speech for 30 minutes, now just her and one other girl.';
    // Act
    const found = read(text, SENT);
    // Assess
    expect(found).toEqual([expect.objectContaining({ date: '2027-03-04', delivery: 'group' })]);
  });

  it('the other two children are a group', () => {
    expect(read('Monday he had OT with the other two boys for 30 minutes.', SENT)).toEqual([
      expect.objectContaining({ date: '2027-03-01', service: 'occupational-therapy', delivery: 'group' }),
    ]);
  });

  it('peers who were absent make no group of a session seen one-on-one', () => {
    expect(read('Tuesday speech 30 min - peers absent, seen 1:1.', SENT)).toEqual([
      expect.objectContaining({ date: '2027-03-02', delivery: 'individual' }),
    ]);
  });

  it('"just Rosa and me" is one-on-one', () => {
    expect(read('Yes, I saw her for speech today, 25 minutes, just Rosa and me.', SENT)).toEqual([
      expect.objectContaining({ date: '2027-03-05', minutes: 25, delivery: 'individual' }),
    ]);
  });
});

describe('a teacher named after her classroom is not a place', () => {
  it('an OT session planned with the classroom teacher has no place from her title', () => {
    // Prepare
    const text = 'Wednesday I saw Sam for OT, 30 minutes, and shared his goals with the classroom teacher.';
    // Act
    const found = read(text, SENT);
    // Assess
    expect(found).toEqual([expect.objectContaining({ date: '2027-03-03', minutes: 30, location: null })]);
  });
});

describe('a meeting about the child held without the child', () => {
  it('a consultation with the teacher has no place, whatever room the plan is for', () => {
    // Prepare
    const text =
      'Thursday I met with Mrs. Arden for 20 minutes (without Theo) to set up movement breaks for the classroom.';
    // Act
    const found = read(text, SENT, 'OT update');
    // Assess
    expect(found).toEqual([
      expect.objectContaining({ date: '2027-03-04', service: 'occupational-therapy', minutes: 20, location: null }),
    ]);
  });

  it('a consult note that says the student was not present has no place', () => {
    expect(read('Tuesday: BCBA consultation in the resource room, student not present, 30 minutes.', SENT)).toEqual([
      expect.objectContaining({ date: '2027-03-02', service: 'behavior', location: null }),
    ]);
  });
});

describe('places named as people name them', () => {
  it('a learning resource center, a special education classroom and a pullout are away from class', () => {
    // Prepare
    const texts = [
      'Monday he had OT for 30 minutes in the LRC.',
      'Monday he had OT for 30 minutes in the special education classroom.',
      'Monday he had OT for 30 minutes, pullout.',
    ];
    // Act
    const found = texts.flatMap((t) => read(t, SENT));
    // Assess
    expect(found.map((s) => s.location)).toEqual(['separate', 'separate', 'separate']);
  });

  it("a session at the child's own desk or pushed in is in class", () => {
    // Prepare
    const texts = ['Monday he had OT for 30 minutes at his desk.', 'Monday he had OT for 30 minutes, pushin.'];
    // Act
    const found = texts.flatMap((t) => read(t, SENT));
    // Assess
    expect(found.map((s) => s.location)).toEqual(['general-education', 'general-education']);
  });
});

describe('minutes written in hours', () => {
  it.each([
    ['Monday I saw her for speech, 1/2 hr.', 30],
    ['Monday I saw her for speech for a half hour.', 30],
    ['Monday I saw her for speech for 1 hr.', 60],
    ['Monday speech 1h30.', 90],
    ['Monday I saw her for speech for 3/4 hour.', 45],
  ])('"%s" lasted %i minutes', (text, minutes) => {
    expect(read(text, SENT)).toEqual([expect.objectContaining({ date: '2027-03-01', minutes })]);
  });
});

describe('Spanish places and groupings', () => {
  it.each([
    [
      'a room named for a service is that room, not the class',
      'El lunes la vi en el salón de consejería con otras dos estudiantes, 30 minutos.',
      { service: 'counseling', minutes: 30, delivery: 'group', location: 'separate' },
    ],
    [
      '"solo él y yo" is one-on-one, "en su escritorio" in class, "media hora" thirty minutes',
      'El lunes tuvo terapia ocupacional media hora, solo él y yo, en su escritorio.',
      { service: 'occupational-therapy', minutes: 30, delivery: 'individual', location: 'general-education' },
    ],
  ])('%s', (_name, text, session) => {
    expect(read(text, SENT, 'consejería')).toEqual([expect.objectContaining({ date: '2027-03-01', ...session })]);
  });

  it('"1/2 hora" is thirty minutes', () => {
    expect(read('El lunes tuvo terapia del habla por 1/2 hora.', SENT)).toEqual([
      expect.objectContaining({ date: '2027-03-01', service: 'speech-language', minutes: 30 }),
    ]);
  });
});
