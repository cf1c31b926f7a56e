// Services pages laid out as states' IEP forms lay them out: columns in any order and naming (a
// period in the header, a provider's title for the service, a school subject for a row), the
// frequency and minutes written many ways, a Spanish form, the fields of a service one a line in a
// PDF, and a parent's or case manager's summary in prose. Each is read through the whole path: the
// message, its PDF, the reading context, the requirements.
import { describe, expect, it } from 'vitest';
import { readAttachment } from '../../../shared/extract/attachments/read-attachment';
import { readingContextOf } from '../../../shared/extract/extract-from-bytes';
import { findRequirements } from '../../../shared/extract/requirements';
import type { Requirement } from '../../../shared/records/types';
import { readMessage } from '../../support/read-message';
import { attachment, buildPdf, type PdfText } from '../attachments/build-fixtures';

const SENT = '2026-11-10';

/** A PDF line: its cells as [x, text]; a number instead is the space above it in points (default 14). */
type PdfLine = Array<[number, string]> | number;

function placed(lines: PdfLine[]): PdfText[] {
  const out: PdfText[] = [];
  let y = 740;
  let space = 0;
  for (const line of lines) {
    if (typeof line === 'number') {
      space = line;
      continue;
    }
    y -= space;
    space = 14;
    for (const [x, text] of line) out.push({ x, y, text, size: 9 });
  }
  return out;
}

async function requirementsOf(body: string, options: { subject?: string; pdf?: PdfLine[] } = {}) {
  const files = options.pdf
    ? [await readAttachment(attachment('services.pdf', 'application/pdf', buildPdf([placed(options.pdf)])))]
    : [];
  const read = readMessage({
    subject: options.subject ?? 'IEP services',
    text: body,
    authoredAt: { instant: new Date(`${SENT}T16:00:00Z`), dateText: null },
  });
  return findRequirements(readingContextOf(read, files, [], 'America/Denver')).map(
    ({ source: _source, ...r }): Requirement => r,
  );
}

interface Layout {
  /** What the layout is and how it is read. */
  title: string;
  body: string;
  subject?: string;
  pdf?: PdfLine[];
  /** The requirements read, in order, each holding at least these fields. */
  read: Array<Partial<Requirement>>;
}

const SAI = 'specialized-academic-instruction';

const grids: Layout[] = [
  {
    title: 'a period in the header ("Times per week", "Minutes per session") is the period of its cells',
    body: [
      'Schedule of services from the ARD',
      'Instructional Services\tLocation\tTimes per week\tMinutes per session\tBegin date\tEnd date',
      'Reading (special education)\tResource\t5\t45\t08/24/2026\t08/20/2027',
      'Speech therapy\tSpeech room\t2\t30\t08/24/2026\t08/20/2027',
    ].join('\n'),
    read: [
      { service: SAI, delivery: null, sessions: 5, minutes: 45, totalMinutes: 225, per: 'week', location: 'separate' },
      { service: 'speech-language', sessions: 2, minutes: 30, per: 'week', start: '2026-08-24', end: '2027-08-20' },
    ],
  },
  {
    title: '"Minutes/Week" over bare figures gives each row a weekly total and no sessions',
    body: [
      'Educational services and placement',
      'Service\tMinutes/Week\tLocation\tStart\tEnd',
      'Social work\t30\tSpecial Ed\t09/01/2026\t05/28/2027',
      'Co-taught ELA\t250\tGeneral Ed\t09/01/2026\t05/28/2027',
    ].join('\n'),
    read: [
      { service: 'counseling', sessions: null, minutes: null, totalMinutes: 30, per: 'week', location: 'separate' },
      { service: SAI, sessions: null, totalMinutes: 250, per: 'week', location: 'general-education' },
    ],
  },
  {
    title: 'a grid that names each service only by its provider reads the provider as the service',
    body: [
      'Schedule of services',
      'Service Provider\tMinutes\tFrequency\tSetting',
      'Speech-Language Pathologist\t30\t2 times weekly\tSpeech room',
      'School Psychologist\t20\tWeekly\tOffice',
    ].join('\n'),
    read: [
      { service: 'speech-language', sessions: 2, minutes: 30, per: 'week' },
      { service: 'counseling', sessions: 1, minutes: 20, per: 'week', location: 'separate' },
    ],
  },
  {
    title: 'a school subject after a dash names special-education instruction; a period column beside minutes',
    body: [
      'Service delivery',
      'Service\tMinutes\tPer\tWhere',
      'Special education - math\t200\tWeek\tSpecial education classroom',
    ].join('\n'),
    read: [{ service: SAI, totalMinutes: 200, per: 'week' }],
  },
  {
    title: 'a place written as outside general education, a special setting or "Resource" is separate',
    body: [
      'Related services',
      'Service\tFrequency\tLocation',
      'Occupational therapy\t1x30 min weekly\tOutside Gen Ed',
      'Physical therapy\t1x30 min monthly\tSpecial setting',
      'Counseling\t2x20 min monthly\tOther settings',
      'Resource math\t4x40 min weekly\tResource',
    ].join('\n'),
    read: [
      { service: 'occupational-therapy', location: 'separate' },
      { service: 'physical-therapy', location: 'separate' },
      { service: 'counseling', location: 'separate' },
      { service: SAI, location: 'separate' },
    ],
  },
  {
    title: 'an amendment grid headed "Current" and "Amended" reads each service from its amended cell',
    body: [
      'Amendment to the IEP, effective 11/16/2026',
      'Service\tCurrent\tAmended\tLocation',
      'Speech therapy\t2x30 min weekly\t3x20 min weekly\tSpeech room',
      'OT\t1x30 min weekly\t1x30 min monthly\tClassroom',
    ].join('\n'),
    read: [
      { service: 'speech-language', sessions: 3, minutes: 20, totalMinutes: 60, per: 'week' },
      { service: 'occupational-therapy', sessions: 1, minutes: 30, per: 'month' },
    ],
  },
  {
    title: '"Sessions per week" beside "Minutes each"; "Hours per week" over figures in hours',
    body: [
      'Related services',
      'Service\tSessions per week\tMinutes each\tLocation',
      'Speech\t2\t30\tSpeech room',
      '',
      'Service delivery',
      'Service\tHours per week\tSetting',
      'Resource reading\t1.5\tResource room',
    ].join('\n'),
    read: [
      { service: 'speech-language', sessions: 2, minutes: 30, per: 'week' },
      { service: SAI, sessions: null, totalMinutes: 90, per: 'week' },
    ],
  },
  {
    title: 'an "IEP Term" line dates every row of a grid without date columns',
    body: [
      'IEP services page',
      'IEP Term: 09/08/2026 - 09/07/2027',
      'Service\tFrequency\tLocation',
      'Speech therapy\t2x30 min weekly\tSpeech room',
    ].join('\n'),
    read: [{ service: 'speech-language', start: '2026-09-08', end: '2027-09-07' }],
  },
  {
    title: '"services will be provided from A to B" dates every row of a grid without date columns',
    body: [
      'Related services page',
      'Services will be provided from 10/05/2026 to 06/04/2027.',
      'Service\tFrequency\tLocation',
      'Physical therapy\t1x30 min monthly\tGym',
    ].join('\n'),
    read: [{ service: 'physical-therapy', start: '2026-10-05', end: '2027-06-04' }],
  },
];

const pdfs: Layout[] = [
  {
    title: 'a grid with a service name wrapped onto a second line keeps its later rows',
    body: 'The services page is attached.',
    pdf: [
      [[40, 'SPECIAL EDUCATION AND RELATED SERVICES']],
      [
        [40, 'Service'],
        [170, 'Provider'],
        [260, 'Amount'],
        [330, 'Frequency'],
        [410, 'Location'],
        [490, 'Begin'],
        [545, 'End'],
      ],
      [
        [40, 'Specially Designed'],
        [170, 'Sped Teacher'],
        [260, '225 min'],
        [330, 'Weekly'],
        [410, 'Resource'],
        [490, '09/08/2026'],
        [545, '05/20/2027'],
      ],
      10.5,
      [[40, 'Instruction - Math']],
      [
        [40, 'Physical Therapy'],
        [170, 'PT'],
        [260, '30 min'],
        [330, 'Monthly'],
        [410, 'Gen Ed'],
        [490, '09/08/2026'],
        [545, '05/20/2027'],
      ],
    ],
    read: [
      { service: SAI, totalMinutes: 225, per: 'week', location: 'separate', start: '2026-09-08' },
      { service: 'physical-therapy', sessions: 1, minutes: 30, per: 'month', location: 'general-education' },
    ],
  },
  {
    title: 'a service whose place is a labelled line under its amount takes that place',
    body: 'Services page attached.',
    pdf: [
      [[40, 'IEP SERVICES']],
      [[40, 'Speech-Language Therapy']],
      [[40, '2 x 30 minutes weekly']],
      [[40, 'Location: Speech room']],
      [[40, 'Dates: 09/08/2026 - 05/20/2027']],
      [[40, 'Physical Therapy']],
      [[40, '1 x 30 minutes monthly']],
      [[40, 'Location: General education']],
    ],
    read: [
      { service: 'speech-language', sessions: 2, location: 'separate', start: '2026-09-08', end: '2027-05-20' },
      { service: 'physical-therapy', sessions: 1, location: 'general-education' },
    ],
  },
  {
    title: 'a Spanish services grid reads its headers, counts, periods and places',
    body: 'Adjunto la página de servicios.',
    subject: 'Servicios del IEP',
    pdf: [
      [[40, 'SERVICIOS DE EDUCACIÓN ESPECIAL']],
      [
        [40, 'Servicio'],
        [160, 'Proveedor'],
        [250, 'Frecuencia'],
        [340, 'Duración'],
        [410, 'Lugar'],
        [490, 'Inicio'],
        [545, 'Fin'],
      ],
      [
        [40, 'Terapia del habla'],
        [160, 'Patóloga'],
        [250, '2 veces/semana'],
        [340, '30 min'],
        [410, 'Sala de terapia'],
        [490, '09/08/2026'],
        [545, '06/01/2027'],
      ],
      [
        [40, 'Terapia ocupacional'],
        [160, 'Terapeuta'],
        [250, 'mensualmente'],
        [340, '30 min'],
        [410, 'Salón general'],
        [490, '09/08/2026'],
        [545, '06/01/2027'],
      ],
    ],
    read: [
      { service: 'speech-language', sessions: 2, minutes: 30, per: 'week', location: 'separate', end: '2027-06-01' },
      { service: 'occupational-therapy', sessions: 1, minutes: 30, per: 'month', location: 'general-education' },
    ],
  },
];

const prose: Layout[] = [
  {
    title: 'counts in words: "twice a month for 30 minutes", "two 20-minute sessions per week"',
    body: 'At the meeting the IEP team agreed: OT twice a month for 30 minutes, and speech in two 20-minute sessions per week.',
    subject: 'notes from the meeting',
    read: [
      { service: 'occupational-therapy', sessions: 2, minutes: 30, per: 'month' },
      { service: 'speech-language', sessions: 2, minutes: 20, totalMinutes: 40, per: 'week' },
    ],
  },
  {
    title: '"45 minutes, 5 days a week" is five sessions a week, not a day',
    body: 'IEP services: special education math, 45 minutes, 5 days a week.',
    read: [{ service: SAI, sessions: 5, minutes: 45, totalMinutes: 225, per: 'week' }],
  },
  {
    title: '"20 minutes of counseling weekly" reads the period after the service the minutes are of',
    body: 'The IEP team agreed to add 20 minutes of counseling weekly, starting November 30.',
    subject: 'meeting today',
    read: [{ service: 'counseling', sessions: null, totalMinutes: 20, per: 'week', start: '2026-11-30' }],
  },
  {
    title: 'Spanish prose: "dos veces por semana, 30 minutos cada sesión"',
    body: 'Según el programa de educación individualizado, Lucía recibe terapia del habla dos veces por semana, 30 minutos cada sesión, en la sala de terapia.',
    subject: 'Servicios',
    read: [{ service: 'speech-language', sessions: 2, minutes: 30, per: 'week', location: 'separate' }],
  },
  {
    title: 'a line opening "From 11/02/2026," is the service from that day, not the old one',
    body: 'Amendment summary\nFrom 11/02/2026, speech goes to 2x20 min weekly in the speech room.\nWas: 2x30 min weekly',
    subject: 'IEP amendment',
    read: [{ service: 'speech-language', sessions: 2, minutes: 20, location: 'separate', start: '2026-11-02' }],
  },
  {
    title: 'an amendment told in a reply dates the changed service and keeps the one that stays',
    body: 'As we said, the amendment changes her OT to 1 x 30 minutes monthly beginning December 1, 2026. Speech stays at 2 x 30 weekly.',
    subject: 'Re: paperwork',
    read: [
      { service: 'occupational-therapy', sessions: 1, minutes: 30, per: 'month', start: '2026-12-01' },
      { service: 'speech-language', sessions: 2, minutes: 30, per: 'week', start: null },
    ],
  },
];

describe.each([
  ['services grids whose headers say more than a column kind', grids],
  ['services in a PDF', pdfs],
  ['services written in prose', prose],
])('%s', (_name, layouts) => {
  it.each(layouts)('$title', async ({ body, subject, pdf, read }) => {
    // Act
    const items = await requirementsOf(body, { subject, pdf });
    // Assess
    expect(items).toEqual(read.map((fields) => expect.objectContaining(fields)));
  });
});

describe('what is not a services page', () => {
  it('a meeting to discuss a change, a weekly schedule of times and a progress report give no requirement', async () => {
    // Prepare
    const schedule = [
      'Hi, the IEP services start Monday. Here is the schedule:',
      'Speech - Tuesdays 10:15-10:45',
      'OT - Fridays 1:00-1:30',
    ].join('\n');
    const progress = [
      'Quarter 1 progress report',
      'Goal 2: Nora will use a calming strategy 3 times per week. Progress: mastered.',
      'Speech: attended 18 of 20 sessions (30 min each).',
    ].join('\n');
    const agenda = 'At the amendment meeting we will discuss moving speech to 3 x 30 weekly.';
    // Act / Assess
    expect(await requirementsOf(agenda, { subject: 'meeting' })).toEqual([]);
    expect(await requirementsOf(schedule)).toEqual([]);
    expect(await requirementsOf(progress, { subject: 'Progress report' })).toEqual([]);
  });
});
