#!/usr/bin/env node
// npm install's last step (postinstall): Node 24 for the project's scripts,
// the system packages keytar's build needs, then keytar's native build.
//
// keytar's own install script is denied in package.json (allowScripts): run
// by npm it would try to download a prebuilt binary and then print node-gyp's
// whole log when libsecret's headers are missing. Here the packages are
// checked (and installed where possible) first, and a failed build ends with
// one sentence.
//
// Written for any Node from 18 on.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { ensureNodeRuntime } from './node-runtime.mjs';
import { ensureSystemPackages } from './system-deps.mjs';

const require = createRequire(import.meta.url);
const fail = (message) => {
  process.stderr.write(`${message}\n`);
  process.exit(1);
};

let nodeBin;
try {
  nodeBin = ensureNodeRuntime();
} catch (error) {
  fail(error instanceof Error ? error.message : String(error));
}

const keytarDir = dirname(require.resolve('keytar/package.json'));
const addon = join(keytarDir, 'build', 'Release', 'keytar.node');
if (!existsSync(addon)) {
  if (!ensureSystemPackages('build')) process.exit(1);
  // npm's own node-gyp (npm_execpath is npm-cli.js while npm runs this script).
  const npmDir = process.env.npm_execpath ? join(dirname(process.env.npm_execpath), '..') : '';
  const nodeGyp = join(npmDir, 'node_modules', 'node-gyp', 'bin', 'node-gyp.js');
  if (!existsSync(nodeGyp))
    fail("Could not find npm's node-gyp to build keytar; run `npm install` with npm 10 or newer.");
  // keytar is a Node-API addon: one build loads in Node and Electron alike, in
  // the runtime it was built for and newer ones. Headers come from npm's
  // configured nodedir where it has them, else from Node 24's npm package,
  // so node-gyp never downloads any.
  const env = { ...process.env };
  const configured = process.env.npm_config_nodedir;
  if (!configured || !existsSync(join(configured, 'include', 'node', 'node_api.h'))) {
    env.npm_config_nodedir = join(nodeBin, '..');
  }
  process.stderr.write('Building keytar (the OS keychain module)…\n');
  const build = spawnSync(process.execPath, [nodeGyp, 'rebuild'], {
    cwd: keytarDir,
    env,
    encoding: 'utf8',
  });
  if (build.status !== 0 || !existsSync(addon)) {
    const log = `${build.stdout ?? ''}${build.stderr ?? ''}`
      .trim()
      .split('\n')
      .slice(-8)
      .join('\n');
    fail(
      `${log}\nkeytar (the OS keychain module) did not build; the lines above are the end of node-gyp's log.`,
    );
  }
}
