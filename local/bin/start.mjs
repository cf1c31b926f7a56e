#!/usr/bin/env node
// `npm start`: the local stack runs in this process itself, with no runner process in between, so
// a signal sent to npm (which passes SIGINT and SIGTERM on to its script) reaches the stack.
import { register } from 'tsx/esm/api';

register();
await import('../start.ts');
