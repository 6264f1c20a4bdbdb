/**
 * `npm run dev:browser` ends up here: the browser host on 127.0.0.1 until
 * Ctrl+C, with the demo pool's emulator running as in the app, so sign-in
 * works out of the box.
 */
import { parseArgs } from 'node:util';
import { DATA_DIR_ENV, KEYCHAIN_SERVICE_ENV } from '../src-main/node/endpoint';
import { readEnvironment } from '../src-main/node/environment';

const USAGE = `Usage: npm run dev:browser [-- --data <folder>] [-- --port <n>]

Runs the app's services in Node and serves its window to a browser on this
computer (127.0.0.1), with the demo pool, until Ctrl+C.

  --data <folder>  keep the vault in this folder (default: $${DATA_DIR_ENV},
                   else a temporary folder, removed when you stop)
  --port <n>       listen on this port (default: any free port)
  --help           print this and exit

Like the app and cognito-auth, it honours ${DATA_DIR_ENV} (the data
folder) and ${KEYCHAIN_SERVICE_ENV} (the keychain service for its keys).`;

function parse(): { data?: string; port?: number } | number {
  let values;
  try {
    ({ values } = parseArgs({
      options: {
        data: { type: 'string' },
        port: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    }));
  } catch (error) {
    console.error(`${error instanceof Error ? error.message : String(error)}\n\n${USAGE}`);
    return 2;
  }
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  const port = values.port === undefined ? undefined : Number(values.port);
  if (port !== undefined && !(Number.isInteger(port) && port >= 0 && port < 65536)) {
    console.error(`--port must be a whole number from 0 to 65535, not "${values.port}".`);
    return 2;
  }
  return { ...(values.data ? { data: values.data } : {}), ...(port === undefined ? {} : { port }) };
}

const options = parse();
if (typeof options === 'number') process.exit(options);
// Loaded after the arguments are checked: the app's services take seconds to load.
const { startHarness } = await import('./server');
const { findSystemClipboard } = await import('./system-clipboard');
const environment = readEnvironment();
const dataDir = options.data ?? environment.dataDirOverride;

try {
  const system = findSystemClipboard(environment.variables, environment.platform);
  const harness = await startHarness({
    dataDir,
    port: options.port,
    demo: true,
    cli: true,
    environment,
    ...(environment.keychainServiceChosen ? { keychainService: environment.keychainService } : {}),
    systemClipboard: system.ok ? system.clipboard : undefined,
  });
  const quote = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;
  console.log(
    [
      'Browser host running. Open this address in Chromium or Chrome:',
      '',
      `  ${harness.url}`,
      '',
      `Data folder: ${harness.dataDir}${dataDir ? '' : ' (temporary: removed when you stop)'}`,
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
