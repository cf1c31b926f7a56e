import { describe, expect, it } from 'vitest';
import { readAttachment } from '../../../shared/extract/attachments/read-attachment';
import { tablesFromHtml } from '../../../shared/extract/attachments/tables-from-html';
import { attachment } from './build-fixtures';

describe('tablesFromHtml', () => {
  it('takes the <th> row as the header and keeps row numbers within the table', () => {
    // Prepare
    const html = `<p>Here is September:</p><table>
      <thead><tr><th>Date</th><th>Minutes</th><th>Status</th><th>Notes</th></tr></thead>
      <tbody><tr><td>9/2/2026</td><td>30</td><td>Seen</td><td>Pencil grasp &amp; letters</td></tr>
      <tr><td>9/9/2026</td><td>0 (30 scheduled)</td><td>Missed</td><td>I was at a training</td></tr></tbody></table>`;
    // Act
    const tables = tablesFromHtml(html);
    // Assess
    expect(tables).toEqual([
      {
        label: 'table 1',
        headers: ['Date', 'Minutes', 'Status', 'Notes'],
        rows: [
          ['9/2/2026', '30', 'Seen', 'Pencil grasp & letters'],
          ['9/9/2026', '0 (30 scheduled)', 'Missed', 'I was at a training'],
        ],
        rowNumbers: [2, 3],
      },
    ]);
  });

  it('takes the first row as the header when there is no <th>, spreads colspans and keeps paragraphs in a cell apart', () => {
    const html = `<table><tr><td>Day</td><td>Date</td><td>Minutes</td></tr>
      <tr><td>Tue</td><td>9/22</td><td><p>30</p><p>(group)</p></td></tr>
      <tr><td colspan="2">No school Thursday</td><td>0</td></tr></table>`;
    const [table] = tablesFromHtml(html);
    expect(table?.headers).toEqual(['Day', 'Date', 'Minutes']);
    expect(table?.rows).toEqual([
      ['Tue', '9/22', '30 (group)'],
      ['No school Thursday', null, '0'],
    ]);
  });

  it('skips layout tables that hold other tables and single-column tables', () => {
    const html = `<table><tr><td><table><tr><th>Date</th><th>Minutes</th></tr><tr><td>9/2</td><td>30</td></tr></table></td></tr></table>
      <table><tr><td>Only one column</td></tr><tr><td>still one</td></tr></table>`;
    const tables = tablesFromHtml(html);
    expect(tables).toHaveLength(1);
    expect(tables[0]?.headers).toEqual(['Date', 'Minutes']);
  });

  it('finds nothing in a body without tables', () => {
    expect(tablesFromHtml('<p>See you Thursday.</p>')).toEqual([]);
  });

  it('reads an HTML attachment to text and tables', async () => {
    const html =
      '<html><body><p>Speech &amp; OT log</p><script>track()</script><table><tr><th>Date</th><th>Minutes</th></tr><tr><td>9/2</td><td>30</td></tr></table></body></html>';
    const content = await readAttachment(attachment('log.html', 'text/html', html));
    expect(content.kind).toBe('html');
    expect(content.text.split('\n')[0]).toBe('Speech & OT log');
    expect(content.text).not.toContain('track()');
    expect(content.tables[0]?.rows).toEqual([['9/2', '30']]);
  });
});
