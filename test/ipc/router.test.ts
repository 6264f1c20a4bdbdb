import { describe, expect, it, vi } from 'vitest';
import { AppError } from '../../src-main/core/errors';
import { channelNames, channels, eventNames, events } from '../../src-main/ipc/contract';
import type { ChannelName } from '../../src-main/ipc/contract';
import { createRouter } from '../../src-main/ipc/router';
import type { Handlers } from '../../src-main/ipc/router';

/** Every channel answers with what it was given, unless a test overrides it. */
function echoHandlers(overrides: Partial<Handlers> = {}): Handlers {
  const base = Object.fromEntries(
    channelNames.map((name) => [name, async (req: unknown, ctx: unknown) => ({ req, ctx })]),
  ) as unknown as Handlers;
  return { ...base, ...overrides };
}

describe('createRouter', () => {
  it('passes the parsed request, with defaults applied, and the context to the handler', async () => {
    const router = createRouter(echoHandlers());
    const result = await router.dispatch('vault:copyCode', { id: 'a1' }, { transport: 'test' });
    expect(result).toEqual({
      ok: true,
      value: { req: { id: 'a1', which: 'current' }, ctx: { transport: 'test' } },
    });
  });

  it('treats a missing payload as an empty request', async () => {
    const router = createRouter(echoHandlers());
    expect(await router.dispatch('vault:list', undefined)).toMatchObject({ ok: true });
  });

  it.each(['vault:nope', '__proto__', 'constructor', 'toString', ''])(
    'answers UNKNOWN_CHANNEL for %j',
    async (name) => {
      const result = await createRouter(echoHandlers()).dispatch(name, {});
      expect(result).toMatchObject({
        ok: false,
        error: { code: 'UNKNOWN_CHANNEL', retryable: false },
      });
    },
  );

  it('names the field of an invalid request', async () => {
    const router = createRouter(echoHandlers());
    const digits = await router.dispatch('vault:addManual', {
      issuer: 'A',
      account: 'b',
      secret: 'JBSWY3DPEHPK3PXP',
      digits: 9,
    });
    expect(digits).toMatchObject({
      ok: false,
      error: { code: 'INVALID_REQUEST', field: 'digits', retryable: false },
    });
    // Words for the person; the field's name is in the details line, not in the message.
    expect(!digits.ok && digits.error.message).toBe('Enter 8 or less.');
    expect(!digits.ok && digits.error.detail).toBe('digits');

    const account = await router.dispatch('vault:addManual', {
      issuer: 'A',
      account: '',
      secret: 'x',
    });
    expect(account).toMatchObject({
      ok: false,
      error: {
        code: 'INVALID_REQUEST',
        field: 'account',
        message: 'Enter the account name.',
      },
    });

    const nested = await router.dispatch('vault:reorder', { ids: ['a', 7] });
    expect(nested).toMatchObject({ ok: false, error: { field: 'ids.1' } });
  });

  it('refuses unknown keys and wrong payload types', async () => {
    const router = createRouter(echoHandlers());
    const extra = await router.dispatch('vault:delete', { id: 'a', secret: 'x' });
    expect(extra).toMatchObject({ ok: false, error: { code: 'INVALID_REQUEST' } });
    expect(!extra.ok && extra.error.message).toBe('Unknown field.');
    for (const payload of ['string', 42, null, [1]]) {
      const result = await router.dispatch('vault:delete', payload);
      expect(result).toMatchObject({ ok: false, error: { code: 'INVALID_REQUEST' } });
    }
  });

  it('never repeats a key or value of the request in its error', async () => {
    const router = createRouter(echoHandlers());
    const longKey = 'k'.repeat(100_000);
    const replies = [
      await router.dispatch('vault:delete', { id: 'a', [longKey]: 1 }),
      await router.dispatch('vault:delete', { id: 'a', secretKeyName: 'v', other: 'w' }),
      await router.dispatch('no-such-channel-' + longKey, {}),
      await router.dispatch('profiles:add', {
        displayName: 'd',
        region: 'r',
        userPoolId: 'u',
        clientId: 'c',
        clientMetadata: { ['weird key ' + longKey]: 'x'.repeat(5000) },
      }),
    ];
    for (const reply of replies) {
      expect(reply.ok).toBe(false);
      const text = JSON.stringify(reply);
      expect(text.length).toBeLessThan(400);
      expect(text).not.toMatch(/kkkk|secretKeyName|weird key|xxxx/);
    }
    expect(replies[3]).toMatchObject({ error: { field: 'clientMetadata' } });
  });

  it('refuses text with a lone surrogate on every channel before its handler runs', async () => {
    const ran: string[] = [];
    const router = createRouter(
      echoHandlers({
        'vault:addUri': async () => {
          ran.push('addUri');
          return undefined as never;
        },
      }),
    );
    for (const uri of ['otpauth://totp/a\ud800?secret=JBSWY3DPEHPK3PXP', '\udc00']) {
      const result = await router.dispatch('vault:addUri', { uri });
      expect(result).toMatchObject({ ok: false, error: { code: 'INVALID_REQUEST' } });
      expect(!result.ok && result.error.message).toMatch(/broken character/);
    }
    expect(await router.dispatch('vault:delete', { ['\ud83d']: 1, id: 'a' })).toMatchObject({
      ok: false,
      error: { code: 'INVALID_REQUEST' },
    });
    expect(ran).toEqual([]);
    const paired = await router.dispatch('vault:delete', { id: 'a\ud83d\ude00' });
    expect(paired.ok).toBe(true);
  });

  it('passes an AppError through as plain data', async () => {
    const router = createRouter(
      echoHandlers({
        'vault:delete': async () => {
          throw new AppError({
            code: 'ACCOUNT_NOT_FOUND',
            message: 'Gone.',
            detail: 'NotFound',
            field: 'id',
          });
        },
      }),
    );
    const result = await router.dispatch('vault:delete', { id: 'a' });
    expect(result).toEqual({
      ok: false,
      error: {
        code: 'ACCOUNT_NOT_FOUND',
        message: 'Gone.',
        retryable: false,
        detail: 'NotFound',
        field: 'id',
      },
    });
  });

  it('hides unexpected errors behind INTERNAL and logs the real one in main', async () => {
    const logError = vi.fn();
    const boom = new Error('secret path /home/me/.config leaked');
    const router = createRouter(
      echoHandlers({
        'vault:list': async () => {
          throw boom;
        },
      }),
      { logError },
    );
    const result = await router.dispatch('vault:list', {});
    expect(result).toMatchObject({ ok: false, error: { code: 'INTERNAL', retryable: true } });
    expect(JSON.stringify(result)).not.toMatch(/leaked|stack|at /);
    expect(logError).toHaveBeenCalledWith('vault:list', boom);
  });

  it('is a compile error to leave a channel without a handler', () => {
    // @ts-expect-error -- every channel needs a handler
    const make = () => createRouter({ 'vault:list': async () => ({ accounts: [] }) });
    expect(typeof make).toBe('function');
  });
});

describe('the contract', () => {
  it('lists in names.ts exactly the channels and events it defines', () => {
    expect([...channelNames].sort()).toEqual(Object.keys(channels).sort());
    expect([...eventNames].sort()).toEqual(Object.keys(events).sort());
    expect(new Set<ChannelName>(channelNames).size).toBe(channelNames.length);
  });
});
