import { describe, expect, it } from 'vitest';
import {
  backoffDelay,
  createSdkTransport,
  defaultRetryPolicy,
  withRetries,
} from '../../src-main/node/cognito-transport';
import type { RetryPolicy } from '../../src-main/node/cognito-transport';
import { FakeCognito } from '../helpers/fake-cognito';
import { createServer } from 'node:http';
import type { Server } from 'node:http';
import { createServer as createNetServer } from 'node:net';
import type { AddressInfo, Server as NetServer, Socket } from 'node:net';
import { toAppError } from '../../src-main/core/cognito/errors';
import { rejection } from '../helpers/rejection';

function policy(sleeps: number[], random = 0.5): RetryPolicy {
  return { ...defaultRetryPolicy, random: () => random, sleep: async (ms) => void sleeps.push(ms) };
}

describe('withRetries', () => {
  it('retries throttling and 5xx with growing, jittered delays, then succeeds', async () => {
    const fake = new FakeCognito()
      .fail('GetUser', 'TooManyRequestsException', 'Rate exceeded')
      .fail('GetUser', 'InternalErrorException', 'boom', 500)
      .fail('GetUser', 'ServiceUnavailable', 'down', 503)
      .on('GetUser', { Username: 'ana', UserAttributes: [] });
    const sleeps: number[] = [];
    const out = await withRetries(fake, policy(sleeps)).call('GetUser', { AccessToken: 't' });
    expect(out.Username).toBe('ana');
    expect(sleeps).toEqual([100, 200, 400]);
  });

  it('gives up after maxAttempts and throws the last error', async () => {
    const fake = new FakeCognito();
    for (let i = 0; i < 4; i++) fake.fail('GetUser', 'TooManyRequestsException', `try ${i}`);
    const sleeps: number[] = [];
    await expect(
      withRetries(fake, policy(sleeps)).call('GetUser', { AccessToken: 't' }),
    ).rejects.toThrow('try 3');
    expect(fake.calls).toHaveLength(4);
    expect(sleeps).toHaveLength(3);
  });

  for (const [name, message] of [
    ['NotAuthorizedException', 'Incorrect username or password.'],
    ['LimitExceededException', 'Attempt limit exceeded, please try after some time.'],
    ['CodeMismatchException', 'Invalid code'],
  ]) {
    it(`never retries ${name}`, async () => {
      const fake = new FakeCognito().fail('GetUser', name!, message!);
      const sleeps: number[] = [];
      await expect(
        withRetries(fake, policy(sleeps)).call('GetUser', { AccessToken: 't' }),
      ).rejects.toMatchObject({ name });
      expect(fake.calls).toHaveLength(1);
      expect(sleeps).toEqual([]);
    });
  }

  it('keeps delays within [0, min(max, base·2^n))', () => {
    const p = { ...defaultRetryPolicy, random: () => 0.999999 };
    expect(backoffDelay(0, p)).toBe(199);
    expect(backoffDelay(10, p)).toBe(2999);
    expect(backoffDelay(3, { ...p, random: () => 0 })).toBe(0);
  });
});

describe('createSdkTransport', () => {
  it('makes exactly one HTTP request per attempt (the SDK does not retry on its own) and sends no signature', async () => {
    const requests: { target: string | undefined; auth: string | undefined }[] = [];
    const server = createServer((req, res) => {
      requests.push({
        target: req.headers['x-amz-target'] as string | undefined,
        auth: req.headers.authorization,
      });
      req.resume();
      res.writeHead(400, {
        'content-type': 'application/x-amz-json-1.1',
        'x-amzn-errortype': 'TooManyRequestsException:',
      });
      res.end(JSON.stringify({ __type: 'TooManyRequestsException', message: 'Rate exceeded' }));
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const { port } = server.address() as AddressInfo;
    const transport = createSdkTransport({
      region: 'eu-west-1',
      endpoint: `http://127.0.0.1:${port}`,
      retry: { maxAttempts: 3, sleep: async () => undefined },
    });
    try {
      await expect(
        transport.call('InitiateAuth', {
          AuthFlow: 'USER_SRP_AUTH',
          ClientId: 'c',
          AuthParameters: {},
        }),
      ).rejects.toMatchObject({
        name: 'TooManyRequestsException',
      });
      expect(requests).toHaveLength(3);
      expect(requests[0]).toEqual({
        target: 'AWSCognitoIdentityProviderService.InitiateAuth',
        auth: undefined,
      });
    } finally {
      transport.destroy();
      server.close();
    }
  });
});

describe('createSdkTransport under network faults', () => {
  async function listen(server: Server | NetServer): Promise<string> {
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  }
  const initiate = (transport: ReturnType<typeof createSdkTransport>) =>
    transport.call('InitiateAuth', {
      AuthFlow: 'USER_SRP_AUTH',
      ClientId: 'c',
      AuthParameters: {},
    });

  it('ends a call to a server that accepts and never answers with a retryable "did not answer" error', async () => {
    const sockets: Socket[] = [];
    const server = createNetServer((socket) => sockets.push(socket));
    const endpoint = await listen(server);
    const transport = createSdkTransport({ region: 'eu-west-1', endpoint, requestTimeoutMs: 400 });
    try {
      const error = await rejection(initiate(transport), Error);
      expect(error).toMatchObject({ name: 'TimeoutError' });
      expect(toAppError(error, { endpoint })).toMatchObject({
        code: 'NETWORK',
        retryable: true,
        message: expect.stringContaining('did not answer in time'),
      });
      // One attempt: a silent server is not retried into several deadlines.
      expect(sockets).toHaveLength(1);
    } finally {
      transport.destroy();
      for (const socket of sockets) socket.destroy();
      server.close();
    }
  });

  it('ends a call whose answer starts and then stalls', async () => {
    const server = createServer((req, res) => {
      req.resume();
      res.writeHead(200, { 'content-type': 'application/x-amz-json-1.1' });
      res.write('{"ChallengeName":');
    });
    const endpoint = await listen(server);
    const transport = createSdkTransport({ region: 'eu-west-1', endpoint, requestTimeoutMs: 400 });
    try {
      await expect(initiate(transport)).rejects.toMatchObject({ name: 'TimeoutError' });
    } finally {
      transport.destroy();
      server.closeAllConnections();
      server.close();
    }
  });

  it('reports a dropped connection as a retryable network failure', async () => {
    const server = createNetServer((socket) => socket.destroy());
    const endpoint = await listen(server);
    const transport = createSdkTransport({ region: 'eu-west-1', endpoint });
    try {
      const error = await rejection(initiate(transport), Error);
      expect(toAppError(error, { endpoint })).toMatchObject({ code: 'NETWORK', retryable: true });
    } finally {
      transport.destroy();
      server.close();
    }
  });

  it('retries throttling and then returns the answer', async () => {
    let calls = 0;
    const server = createServer((req, res) => {
      req.resume();
      calls++;
      if (calls <= 2) {
        res.writeHead(400, {
          'content-type': 'application/x-amz-json-1.1',
          'x-amzn-errortype': 'TooManyRequestsException:',
        });
        res.end(JSON.stringify({ __type: 'TooManyRequestsException', message: 'Rate exceeded' }));
        return;
      }
      res.writeHead(200, { 'content-type': 'application/x-amz-json-1.1' });
      res.end(JSON.stringify({ ChallengeName: 'PASSWORD_VERIFIER', ChallengeParameters: {} }));
    });
    const endpoint = await listen(server);
    const transport = createSdkTransport({
      region: 'eu-west-1',
      endpoint,
      retry: { sleep: async () => undefined },
    });
    try {
      await expect(initiate(transport)).resolves.toMatchObject({
        ChallengeName: 'PASSWORD_VERIFIER',
      });
      expect(calls).toBe(3);
    } finally {
      transport.destroy();
      server.close();
    }
  });
});
