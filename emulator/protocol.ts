/** Cognito's JSON 1.1 wire format: requests in, results and errors out. */
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { CognitoError } from './errors.js';

export const TARGET_PREFIX = 'AWSCognitoIdentityProviderService.';
/** Cognito Identity (identity pools) shares the server; its operations are named "CognitoIdentity.<Op>" inside. */
export const IDENTITY_TARGET_PREFIX = 'AWSCognitoIdentityService.';
export const IDENTITY_OPERATION_PREFIX = 'CognitoIdentity.';
const CONTENT_TYPE = 'application/x-amz-json-1.1';
const MAX_BODY_BYTES = 1 << 20;

export function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        reject(
          new CognitoError(
            'SerializationException',
            `Request body exceeds ${MAX_BODY_BYTES} bytes`,
            413,
          ),
        );
        req.destroy();
      } else chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

/** The operation named by X-Amz-Target, or null when absent or foreign. */
export function operationName(req: IncomingMessage): string | null {
  const target = req.headers['x-amz-target'];
  if (typeof target !== 'string') return null;
  if (target.startsWith(IDENTITY_TARGET_PREFIX)) {
    return IDENTITY_OPERATION_PREFIX + target.slice(IDENTITY_TARGET_PREFIX.length);
  }
  if (!target.startsWith(TARGET_PREFIX)) return null;
  const name = target.slice(TARGET_PREFIX.length);
  return name.includes('.') ? null : name;
}

export function parseJsonBody(body: Buffer): Record<string, unknown> {
  if (body.length === 0) return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(body.toString('utf8'));
  } catch {
    throw new CognitoError(
      'SerializationException',
      'Start of structure or map found where not expected.',
    );
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new CognitoError('SerializationException', 'The request body must be a JSON object.');
  }
  return parsed as Record<string, unknown>;
}

function send(
  res: ServerResponse,
  status: number,
  payload: unknown,
  extra: Record<string, string> = {},
): void {
  const text = JSON.stringify(payload);
  res.writeHead(status, {
    'Content-Type': CONTENT_TYPE,
    'Content-Length': Buffer.byteLength(text),
    'x-amzn-RequestId': randomUUID(),
    ...extra,
  });
  res.end(text);
}

export const sendResult = (res: ServerResponse, result: object) => send(res, 200, result);

export function sendError(res: ServerResponse, err: CognitoError): void {
  send(
    res,
    err.status,
    { __type: err.type, message: err.message },
    { 'x-amzn-ErrorType': `${err.type}:` },
  );
}
