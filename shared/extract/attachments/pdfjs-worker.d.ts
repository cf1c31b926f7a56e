// The PDF.js worker module ships without type declarations; only its handler is used, to run
// PDF.js in the same thread (no worker file to locate inside a bundle).
declare module 'pdfjs-dist/legacy/build/pdf.worker.mjs' {
  export const WorkerMessageHandler: unknown;
}
