#!/usr/bin/env node
// The CLI is prebuilt into out/cli by `npm run build` (scripts/build-cli.mjs),
// so start-up does not pay for compiling TypeScript; V8's compile cache (in
// the system's temporary folder) spares re-parsing the bundle on every call.
// process.getBuiltinModule, not `import`: a built-in's ES facade costs start-up time.
process.getBuiltinModule?.('node:module').enableCompileCache?.();
import('../out/cli/cognito-auth.mjs').catch((error) => {
  if (
    error?.code === 'ERR_MODULE_NOT_FOUND' &&
    String(error.message).includes('cognito-auth.mjs')
  ) {
    process.stderr.write(
      'cognito-auth: the CLI is not built yet. Run "npm run build" in the app folder.\n',
    );
  } else {
    process.stderr.write(`cognito-auth: could not start: ${error?.message ?? error}\n`);
  }
  process.exitCode = 1;
});
