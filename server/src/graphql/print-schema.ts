import { writeFile } from 'node:fs/promises';
import { printSortedSchema } from './schema.js';

// Writes schema.graphql at the repository root (run through `npm run schema`).
await writeFile(new URL('../../../schema.graphql', import.meta.url), await printSortedSchema());
