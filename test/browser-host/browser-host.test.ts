/**
 * The browser harness guards the app's services: only a WebSocket with this
 * run's secret, from this server's own origin and host, may call them. It
 * serves only the built renderer, under the page's own CSP, and says clearly
 * when there is no build.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { startHarness } from '../../browser-host/server';
import type { Harness } from '../../browser-host/server';

function secretOf(h: Harness): string {
  return new URL(h.url).searchParams.get('harness') ?? '';
}

function socketUrl(h: Harness, secret: string): string {
  return `${h.origin.replace('http:', 'ws:')}/__harness/ws?secret=${encodeURIComponent(secret)}`;
}

/** Resolves with the open socket, or rejects with the HTTP status the server refused with. */
function connect(url: string, origin: string): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, { origin });
    ws.once('open', () => resolve(ws));
    ws.once('unexpected-response', (_req, res) => reject(new Error(`HTTP ${res.statusCode}`)));
    ws.once('error', reject);
  });
}

function nextMessage(ws: WebSocket): Promise<Record<string, unknown>> {
  return new Promise((resolve) => ws.once('message', (data) => resolve(JSON.parse(String(data)))));
}

/** A raw GET, so the path and Host header go out exactly as written. */
function get(h: Harness, path: string, host = new URL(h.origin).host) {
  const { port } = new URL(h.origin);
  return new Promise<{ status: number; headers: Record<string, unknown>; body: string }>(
    (resolve, reject) => {
      const req = request({ host: '127.0.0.1', port, path, headers: { host } }, (res) => {
        let body = '';
        res.on('data', (c) => (body += c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
      });
      req.on('error', reject);
      req.end();
    },
  );
}

describe('browser harness', () => {
  let harness: Harness;

  beforeAll(async () => {
    harness = await startHarness();
  });
  afterAll(async () => {
    await harness?.close();
  });

  it('listens on loopback only, with a random port and a long random secret', () => {
    expect(new URL(harness.origin).hostname).toBe('127.0.0.1');
    expect(secretOf(harness)).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });

  it('serves the built page under its CSP, with the bridge script and without the secret', async () => {
    const page = await get(harness, '/');
    expect(page.status).toBe(200);
    const csp = String(page.headers['content-security-policy']);
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toContain('unsafe');
    expect(page.body).toContain('<script src="/__harness/bridge.js"></script>');
    expect(page.body).not.toContain(secretOf(harness));
    const bridge = await get(harness, '/__harness/bridge.js');
    expect(bridge.status).toBe(200);
    expect(bridge.body).toContain('"channels":["vault:list",');
    expect(bridge.body).not.toContain('/* CONTRACT */');
  });

  it('serves nothing outside the built renderer, and nothing to a foreign Host', async () => {
    expect((await get(harness, '/%2e%2e/%2e%2e/package.json')).status).toBe(404);
    expect((await get(harness, '/..%2f..%2fpackage.json')).status).toBe(404);
    expect((await get(harness, '/', 'attacker.example:80')).status).toBe(421);
  });

  it('refuses a WebSocket without the secret, with a wrong one, or from another origin', async () => {
    await expect(connect(socketUrl(harness, ''), harness.origin)).rejects.toThrow('HTTP 401');
    await expect(connect(socketUrl(harness, 'x'.repeat(43)), harness.origin)).rejects.toThrow(
      'HTTP 401',
    );
    await expect(
      connect(socketUrl(harness, secretOf(harness)), 'http://attacker.example'),
    ).rejects.toThrow('HTTP 403');
  });

  it('carries calls and events for a socket with the secret from its own origin', async () => {
    const ws = await connect(socketUrl(harness, secretOf(harness)), harness.origin);
    try {
      const listed = nextMessage(ws);
      ws.send(JSON.stringify({ type: 'invoke', id: 7, channel: 'vault:list', payload: {} }));
      expect(await listed).toEqual({
        type: 'result',
        id: 7,
        result: { ok: true, value: { accounts: [] } },
      });

      const refused = nextMessage(ws);
      ws.send(JSON.stringify({ type: 'invoke', id: 8, channel: 'shell:exec', payload: {} }));
      expect(await refused).toMatchObject({
        id: 8,
        result: { ok: false, error: { code: 'UNKNOWN_CHANNEL' } },
      });

      const changed = nextMessage(ws);
      await harness.services.dispatch('vault:addUri', {
        uri: 'otpauth://totp/Example:alice?secret=JBSWY3DPEHPK3PXP',
      });
      expect(await changed).toEqual({ type: 'event', event: 'vault:changed', payload: {} });
    } finally {
      ws.close();
    }
  });

  it('closes a socket that sends something other than a call', async () => {
    const ws = await connect(socketUrl(harness, secretOf(harness)), harness.origin);
    const closed = new Promise<number>((resolve) => ws.once('close', (code) => resolve(code)));
    ws.send('not json');
    expect(await closed).toBe(1008);
  });

  it('says how to build the renderer when there is no build', async () => {
    const empty = await mkdtemp(join(tmpdir(), 'no-renderer-'));
    try {
      await expect(startHarness({ rendererDir: empty })).rejects.toThrow(
        /built renderer is missing.*npx electron-vite build/,
      );
    } finally {
      await rm(empty, { recursive: true, force: true });
    }
  });
});
