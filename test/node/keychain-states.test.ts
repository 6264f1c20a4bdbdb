/**
 * The keychain's states as a user meets them, on a real gnome-keyring in a
 * private D-Bus session: locked (keytar then answers "no entry"), its daemon
 * killed (D-Bus starts a fresh one whose keyring is locked), and unlocked
 * again. A locked keychain must be told as locked, never as a lost key, and
 * no new data key may be made while saved secrets exist.
 */
import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it } from 'vitest';

const step = join(import.meta.dirname, 'fixtures/keychain-step.ts');

// Each line of $WORK/out is one step's JSON outcome, in order. Daemons
// started by D-Bus inherit its output, so the outcomes go to a file.
const script = `
set -u
exec >"$WORK/out" 2>/dev/null
unset GNOME_KEYRING_CONTROL
mkdir -m 0700 -p "$XDG_RUNTIME_DIR"
export XDG_DATA_HOME="$WORK/keyrings"
mkdir -p "$XDG_DATA_HOME"
start() { eval "$(printf 'test-password\\n' | gnome-keyring-daemon --replace --unlock --components=secrets 2>/dev/null)"; }
step() { node --import tsx "$STEP" "$1" "$WORK/data" cda-states 2>/dev/null | tail -n 1; }
hash() { sha256sum "$WORK/data/secrets.enc" | cut -c1-64; }
daemon() {
  dbus-send --session --print-reply=literal --dest=org.freedesktop.DBus /org/freedesktop/DBus \\
    org.freedesktop.DBus.GetConnectionUnixProcessID string:org.freedesktop.secrets | awk '{print $2}'
}
start
step write
before=$(hash)
dbus-send --session --dest=org.freedesktop.secrets --type=method_call --print-reply \\
  /org/freedesktop/secrets org.freedesktop.Secret.Service.Lock \\
  array:objpath:/org/freedesktop/secrets/collection/login >/dev/null
step read
step write
echo "{\\"unchanged\\": $([ "$(hash)" = "$before" ] && echo true || echo false)}"
kill -KILL "$(daemon)"
sleep 0.5
step read
start
step read
kill "$(daemon)"
`;

it('says "locked" for a locked or restarted keychain, mints no new key, and opens the secrets once unlocked', async () => {
  const work = await mkdtemp(join(tmpdir(), 'cda-keychain-'));
  try {
    const session = spawn('dbus-run-session', ['--', 'bash', '-c', script], {
      // Its own bus, runtime dir and keyring control socket: --replace must
      // never reach the keyring the rest of the suite runs against.
      env: {
        ...process.env,
        WORK: work,
        STEP: step,
        DBUS_SESSION_BUS_ADDRESS: '',
        GNOME_KEYRING_CONTROL: '',
        XDG_RUNTIME_DIR: join(work, 'run'),
      },
      stdio: 'ignore',
    });
    expect(await new Promise((resolve) => session.on('exit', resolve))).toBe(0);
    const stdout = await readFile(join(work, 'out'), 'utf8');
    const [written, lockedRead, lockedWrite, file, killedRead, unlockedRead] = stdout
      .split('\n')
      .filter((line) => line.startsWith('{'))
      .map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(written).toEqual({ ok: true, value: null });
    for (const outcome of [lockedRead, lockedWrite, killedRead]) {
      expect(outcome).toMatchObject({ ok: false, code: 'KEYCHAIN_LOCKED' });
      expect(outcome?.message).toMatch(/unlock your keychain/);
      expect(outcome?.message).not.toMatch(/backup|missing/i);
    }
    expect(file).toEqual({ unchanged: true });
    // The key made by the first write is still the one: the secret opens.
    expect(unlockedRead).toEqual({ ok: true, value: 'JBSWY3DPEHPK3PXP' });
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}, 120_000);
