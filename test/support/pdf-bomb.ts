// A PDF bomb as the outside review built one: a page whose content is one stream of zeros behind
// three Flate layers, referenced many times, so the file is about 2 KB and PDF.js would inflate
// tens of gigabytes. Shared by the bounded-work, local-stack and inbound-handler tests.
import { createDeflate, deflateSync } from 'node:zlib';

async function deflatedZeros(bytes: number): Promise<Buffer> {
  const deflate = createDeflate({ level: 9 });
  const parts: Buffer[] = [];
  deflate.on('data', (chunk: Buffer) => parts.push(chunk));
  const ended = new Promise((resolve) => deflate.on('end', resolve));
  const mb = Buffer.alloc(1024 * 1024);
  for (let i = 0; i < bytes / mb.length; i++) {
    if (!deflate.write(mb)) await new Promise((resolve) => deflate.once('drain', resolve));
  }
  deflate.end();
  await ended;
  return Buffer.concat(parts);
}

let built: Promise<Buffer> | undefined;

/** About 2 KB: 256 MB of zeros in three Flate layers, referenced 200 times (50 GB to PDF.js). */
export function pdfBomb(): Promise<Buffer> {
  built ??= (async () => {
    const layered = deflateSync(deflateSync(await deflatedZeros(256 * 1024 * 1024), { level: 9 }), { level: 9 });
    const refs = Array.from({ length: 200 }, () => '4 0 R').join(' ');
    const head = `%PDF-1.4
1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj
2 0 obj << /Type /Pages /Kids [3 0 R] /Count 1 >> endobj
3 0 obj << /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents [${refs}] >> endobj
4 0 obj << /Length ${layered.length} /Filter [/FlateDecode /FlateDecode /FlateDecode] >>
stream
`;
    return Buffer.concat([
      Buffer.from(head, 'latin1'),
      layered,
      Buffer.from('\nendstream endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n', 'latin1'),
    ]);
  })();
  return built;
}
