/**
 * `npm run emulator -- --port <n> --data <dir> [--seed file.json] [--no-demo] [--restricted-key …]`
 * Prints `listening on http://127.0.0.1:<port>` once ready; SIGINT/SIGTERM
 * close it after in-flight writes finish.
 */
import { parseArgs } from 'node:util';
import { demoSeed, readSeedFile, startEmulator } from './index.js';

const USAGE =
  'usage: npm run emulator -- [--port <n>] [--data <dir>] [--seed <file.json>] [--no-demo] [--restricted-key <id>:<secret>:<Action,Action…>]';

/** `AKID:secret:AdminGetUser,ListUsers`: the second key pair and the only operations it may call. */
function restrictedKey(spec: string) {
  const [accessKeyId = '', secretAccessKey = '', actions = ''] = spec.split(':');
  if (!accessKeyId || !secretAccessKey)
    throw new Error(`--restricted-key needs <id>:<secret>:<actions>, got ${spec}\n${USAGE}`);
  return { accessKeyId, secretAccessKey, allowedActions: actions.split(',').filter(Boolean) };
}

async function main(): Promise<void> {
  let values;
  try {
    ({ values } = parseArgs({
      options: {
        port: { type: 'string', default: '0' },
        data: { type: 'string' },
        seed: { type: 'string' },
        'no-demo': { type: 'boolean', default: false },
        'restricted-key': { type: 'string' },
      },
      strict: true,
      allowPositionals: false,
    }));
  } catch (err) {
    throw new Error(`${(err as Error).message}\n${USAGE}`);
  }
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new Error(`--port must be an integer from 0 to 65535, got ${values.port}\n${USAGE}`);
  const seeds = [
    ...(values['no-demo'] ? [] : [demoSeed]),
    ...(values.seed ? [await readSeedFile(values.seed)] : []),
  ];
  const emulator = await startEmulator({
    port,
    ...(values.data ? { dataDir: values.data } : {}),
    seed: { pools: seeds.flatMap((s) => s.pools) },
    ...(values['restricted-key']
      ? { restrictedCredentials: restrictedKey(values['restricted-key']) }
      : {}),
  });
  console.log(`listening on ${emulator.url}`);
  let closing = false;
  const shutdown = () => {
    if (closing) return;
    closing = true;
    emulator.close().then(
      () => process.exit(0),
      (err: unknown) => {
        console.error('emulator: error while closing', err);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', shutdown);
  process.on('SIGTERM', shutdown);
}

main().catch((err: unknown) => {
  console.error(`emulator: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});
