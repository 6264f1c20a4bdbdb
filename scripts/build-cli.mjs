/**
 * Bundles the `cognito-auth` CLI into out/cli/ with esbuild. One small
 * entry file keeps start-up fast; the --no-app code (AWS SDK, secret store)
 * is split into chunks loaded only when that flag is used. Packages stay
 * external: they resolve from this package's node_modules at run time.
 */
import { build } from 'esbuild';
import { readFile, rm } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const outdir = join(root, 'out', 'cli');

const { version } = JSON.parse(await readFile(join(root, 'package.json'), 'utf8'));

await rm(outdir, { recursive: true, force: true });
await build({
  entryPoints: { 'cognito-auth': join(root, 'src-main', 'cli', 'entry.ts') },
  outdir,
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  packages: 'external',
  outExtension: { '.js': '.mjs' },
  chunkNames: 'chunks/[name]-[hash]',
  sourcemap: 'linked',
  logLevel: 'warning',
  define: { __CLI_VERSION__: JSON.stringify(version) },
});
