// Bundled in place of `zod` (esbuild alias, see infra/constructs/tracker-function.ts): the same
// entry shape as zod's own index, over the classic API without the non-English locales.
import * as z from './zod-english-classic';

export * from './zod-english-classic';
export { z, z as default };
