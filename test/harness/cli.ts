/**
 * `npm run dev:browser` ends up here: the browser harness on 127.0.0.1 until
 * Ctrl+C. Options: --data <folder> keeps the vault in that folder (default: a
 * temporary folder, removed on exit); --port <n> picks the port.
 */
import { parseArgs } from 'node:util';
import { startHarness } from './server';

const { values } = parseArgs({
  options: { data: { type: 'string' }, port: { type: 'string' } },
});

const port = values.port === undefined ? undefined : Number(values.port);
if (port !== undefined && !(Number.isInteger(port) && port >= 0 && port < 65536)) {
  console.error(`--port must be a whole number from 0 to 65535, not "${values.port}".`);
  process.exit(2);
}

try {
  const harness = await startHarness({ dataDir: values.data, port });
  console.log(
    [
      'Browser harness running. Open this address in Chromium or Chrome:',
      '',
      `  ${harness.url}`,
      '',
      `Data folder: ${harness.dataDir}${values.data ? '' : ' (temporary: removed when you stop)'}`,
      'The address carries this run’s secret; anyone with it can use the vault. Ctrl+C stops.',
    ].join('\n'),
  );
  const stop = (): void => {
    void harness.close().then(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
} catch (e) {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
}
