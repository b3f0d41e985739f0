// Bundles the Electron main process and the preload into dist/main. Everything main needs (the reference ERP with
// Fastify, zod) is bundled in, so the packaged app carries build output only and no node_modules; the preload must be
// a single CommonJS file because sandboxed preloads cannot load modules.
import { build } from 'esbuild';

const common = { bundle: true, platform: 'node', target: 'node22', format: 'cjs', external: ['electron'], sourcemap: true, logLevel: 'warning' };

await build({ ...common, entryPoints: ['main/electron/entry.ts'], outfile: 'dist/main/entry.cjs' });
await build({ ...common, entryPoints: ['main/electron/preload.ts'], outfile: 'dist/main/preload.cjs' });
console.log('built dist/main/entry.cjs and dist/main/preload.cjs');
