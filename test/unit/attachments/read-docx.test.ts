import { describe, expect, it } from 'vitest';
import { readAttachment } from '../../../shared/extract/attachments/read-attachment';
import { problemInEnglish } from '../../../shared/render/problem-words';
import { attachment, buildDocx, DOCX_TYPE, wordParagraph, wordTable } from './build-fixtures';

describe('readAttachment for DOCX', () => {
  it('gives the paragraphs as text and a Word table as a Table, merged cells spread over their columns', async () => {
    // Prepare
    const bytes = buildDocx(
      wordParagraph('Speech services summary for Sam') +
        wordTable([
          [{ text: 'Week of 9/21', span: 3 }],
          ['Date', 'Minutes', 'Note'],
          ['9/22', '30', 'Multisyllabic words'],
          ['9/24', '0', 'SLP out sick'],
        ]) +
        wordParagraph('Thank you, Ms. Peña'),
    );
    // Act
    const content = await readAttachment(attachment('summary.docx', DOCX_TYPE, bytes));
    // Assess
    expect(content.kind).toBe('docx');
    expect(content.problems.map(problemInEnglish)).toEqual([]);
    expect(content.text.split('\n')[0]).toBe('Speech services summary for Sam');
    expect(content.text).toContain('9/24\t0\tSLP out sick');
    expect(content.text).toContain('Thank you, Ms. Peña');
    expect(content.tables).toEqual([
      {
        label: 'table 1',
        headers: ['Date', 'Minutes', 'Note'],
        rows: [
          ['9/22', '30', 'Multisyllabic words'],
          ['9/24', '0', 'SLP out sick'],
        ],
        rowNumbers: [3, 4],
      },
    ]);
  });

  it('says a damaged Word document is damaged', async () => {
    const bytes = buildDocx(wordParagraph('x'));
    const content = await readAttachment(attachment('note.docx', DOCX_TYPE, bytes.subarray(0, 30)));
    expect(content.problems.map(problemInEnglish)).toEqual([
      'the Word document note.docx could not be opened: it is damaged',
    ]);
  });
});
