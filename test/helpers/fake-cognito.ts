import type { CognitoTransport, InputOf, OperationName, OutputOf } from '../../src-main/core/ports';

type Reply<O extends OperationName> = (input: InputOf<O>) => OutputOf<O> | Promise<OutputOf<O>>;

/**
 * A scripted CognitoTransport: each expected call is queued with its reply,
 * every call is recorded, and an unexpected call fails the test.
 */
export class FakeCognito implements CognitoTransport {
  readonly calls: { operation: OperationName; input: Record<string, unknown> }[] = [];
  private readonly replies = new Map<OperationName, Reply<OperationName>[]>();

  on<O extends OperationName>(operation: O, reply: Reply<O> | OutputOf<O>): this {
    const list = this.replies.get(operation) ?? [];
    list.push((typeof reply === 'function' ? reply : () => reply) as Reply<OperationName>);
    this.replies.set(operation, list);
    return this;
  }

  fail(operation: OperationName, name: string, message: string, httpStatusCode = 400): this {
    return this.on(operation, () => {
      throw awsError(name, message, httpStatusCode);
    });
  }

  async call<O extends OperationName>(operation: O, input: InputOf<O>): Promise<OutputOf<O>> {
    this.calls.push({ operation, input: input as Record<string, unknown> });
    const reply = this.replies.get(operation)?.shift();
    if (!reply) throw new Error(`unexpected ${operation} call`);
    return (await reply(input)) as OutputOf<O>;
  }

  callsOf(operation: OperationName) {
    return this.calls.filter((c) => c.operation === operation).map((c) => c.input);
  }

  pending(): string[] {
    return [...this.replies].filter(([, l]) => l.length > 0).map(([op]) => op);
  }
}

/** An error shaped like the SDK's service exceptions. */
export function awsError(name: string, message: string, httpStatusCode = 400): Error {
  return Object.assign(new Error(message), { name, $metadata: { httpStatusCode } });
}

/** An unsigned JWT with the given claims (the engine reads claims, never verifies). */
export function fakeJwt(claims: Record<string, unknown>): string {
  const enc = (o: unknown) => Buffer.from(JSON.stringify(o)).toString('base64url');
  return `${enc({ alg: 'none' })}.${enc(claims)}.sig`;
}

export function authResult(now: number, username: string, extra: Record<string, unknown> = {}) {
  const exp = Math.floor(now / 1000) + 3600;
  return {
    AccessToken: fakeJwt({ exp, username, token_use: 'access' }),
    IdToken: fakeJwt({
      exp,
      'cognito:username': username,
      email: `${username}@example.com`,
      'cognito:groups': ['staff'],
    }),
    RefreshToken: `refresh-${username}-${Math.random().toString(36).slice(2)}`,
    ExpiresIn: 3600,
    TokenType: 'Bearer',
    ...extra,
  };
}
