#!/usr/bin/env node
// The CLI is prebuilt into out/cli by `npm run build` (scripts/build-cli.mjs),
// so start-up does not pay for compiling TypeScript.
const major = Number(process.versions.node.split('.')[0]);
if (major < 24) {
  process.stderr.write(
    `cognito-auth: needs Node 24 or newer; this is Node ${process.versions.node}.\n`,
  );
  process.exit(1);
}
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
