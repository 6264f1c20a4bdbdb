/**
 * `npm run dev:browser` ends up here: the browser harness on 127.0.0.1 until
 * Ctrl+C. Options: --data <folder> keeps the vault in that folder (default: a
 * temporary folder, removed on exit); --port <n> picks the port. The demo
 * pool's emulator runs too, as in the app, so sign-in works out of the box.
 */
import { parseArgs } from 'node:util';
import { DATA_DIR_ENV, KEYCHAIN_SERVICE_ENV } from '../src-main/node/endpoint';
import { startHarness } from './server';
import { findSystemClipboard } from './system-clipboard';

const { values } = parseArgs({
  options: { data: { type: 'string' }, port: { type: 'string' } },
});

const port = values.port === undefined ? undefined : Number(values.port);
if (port !== undefined && !(Number.isInteger(port) && port >= 0 && port < 65536)) {
  console.error(`--port must be a whole number from 0 to 65535, not "${values.port}".`);
  process.exit(2);
}

try {
  const system = findSystemClipboard();
  const harness = await startHarness({
    dataDir: values.data,
    port,
    demo: true,
    cli: true,
    systemClipboard: system.ok ? system.clipboard : undefined,
  });
  const quote = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;
  console.log(
    [
      'Browser harness running. Open this address in Chromium or Chrome:',
      '',
      `  ${harness.url}`,
      '',
      `Data folder: ${harness.dataDir}${values.data ? '' : ' (temporary: removed when you stop)'}`,
      'The address carries this run’s secret; anyone with it can use the vault. Ctrl+C stops.',
      '',
      'cognito-auth works against it (its questions appear in the page) with these in its environment:',
      `  export ${DATA_DIR_ENV}=${quote(harness.dataDir)} ${KEYCHAIN_SERVICE_ENV}=${quote(harness.keychainService)}`,
      '',
      system.ok ? `Copy goes to ${system.description}.` : system.reason,
    ].join('\n'),
  );
  // Ctrl+C in a terminal signals npm, dev-browser.mjs and this process alike,
  // and the parent forwards its own: only the first signal may start the
  // cleanup, and the later ones must not kill us half-way through it.
  let stopping = false;
  const stop = (): void => {
    if (stopping) return;
    stopping = true;
    void harness.close().then(() => process.exit(0));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
} catch (e) {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
}
