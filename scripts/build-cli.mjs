/**
 * Bundles the `cognito-auth` CLI into out/cli/ with esbuild. One small
 * entry file keeps start-up fast; the --no-app code (AWS SDK, secret store)
 * is split into chunks loaded only when that flag is used. Packages (but
 * one) stay external: they resolve from this package's node_modules at run time.
 *
 * Node's own modules are taken with process.getBuiltinModule() instead of
 * `import`: importing a built-in as an ES module builds its ES facade, which
 * reads every export, lazy ones too (node:util's drags in the assert diff
 * and the stdio streams, node:fs's all of fs/promises). That cost the CLI
 * more than all of its own code.
 */
import { build } from 'esbuild';
import { readFile, rm } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const outdir = join(root, 'out', 'cli');

/**
 * `import { x } from 'node:y'` becomes a read of `x` from the module Node
 * already holds. Only plain data properties are exported, read once at load;
 * a lazy getter (util.TextDecoder, fs.promises) would load what it guards, so
 * importing one fails the build instead.
 */
const require = createRequire(import.meta.url);
const builtinsWithoutFacade = {
  name: 'builtins-without-facade',
  setup(b) {
    b.onResolve({ filter: /^node:/ }, (args) => ({ path: args.path, namespace: 'builtin' }));
    b.onLoad({ filter: /.*/, namespace: 'builtin' }, (args) => {
      const exports = require(args.path);
      const names = Object.entries(Object.getOwnPropertyDescriptors(exports))
        .filter(
          ([name, d]) => 'value' in d && name !== 'default' && /^[A-Za-z_$][\w$]*$/.test(name),
        )
        .map(([name]) => name);
      return {
        // Marked pure, so the names the CLI does not use are left out of the bundle.
        contents: [
          `const m = process.getBuiltinModule(${JSON.stringify(args.path)});`,
          'const pick = (name) => m[name];',
          'export default m;',
          ...names.map(
            (name) => `export const ${name} = /* @__PURE__ */ pick(${JSON.stringify(name)});`,
          ),
        ].join('\n'),
        loader: 'js',
      };
    });
  },
};

const manifest = JSON.parse(await readFile(join(root, 'package.json'), 'utf8'));
const { version } = manifest;
const dependencies = Object.keys({ ...manifest.dependencies, ...manifest.devDependencies });

await rm(outdir, { recursive: true, force: true });
await build({
  entryPoints: { 'cognito-auth': join(root, 'src-main', 'cli', 'entry.ts') },
  outdir,
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  // Packages resolve from node_modules at run time, except the hash that
  // names the socket: resolving a package's files costs more than its code.
  external: dependencies.filter((name) => name !== '@noble/hashes'),
  outExtension: { '.js': '.mjs' },
  chunkNames: 'chunks/[name]-[hash]',
  sourcemap: 'linked',
  logLevel: 'warning',
  define: { __CLI_VERSION__: JSON.stringify(version) },
  plugins: [builtinsWithoutFacade],
});
