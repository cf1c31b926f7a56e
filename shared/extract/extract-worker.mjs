// Starts the extraction worker from the TypeScript sources (the local stack, `iep`, the tests):
// tsx is registered in this thread first, then bounded-extract.ts serves. A bundled function
// starts its own bundle instead and never loads this file.
import { register } from 'tsx/esm/api';

register();
await import('./bounded-extract.ts');
