/**
 * SigV4 verification for the signed operations, from AWS's "Create a signed
 * AWS API request" specification: rebuild the canonical request from what
 * arrived, derive the signing key from the secret, and compare signatures.
 */
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { CognitoError } from './errors.js';

export interface Credentials {
  accessKeyId: string;
  secretAccessKey: string;
}

/** A second key pair that may call only the operations it lists (AccessDeniedException otherwise). */
export interface RestrictedCredentials extends Credentials {
  allowedActions: string[];
}

/** A documented local key pair: not a secret, only proof that the caller signs. */
export const DEFAULT_CREDENTIALS: Credentials = {
  accessKeyId: 'AKIDLOCALEMULATOR000',
  secretAccessKey: 'local-emulator-secret-access-key-not-secret',
};

const SERVICE = 'cognito-idp';
const MAX_SKEW_MS = 5 * 60_000;

const INVALID_SIGNATURE =
  'The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.';

const hmac = (key: Buffer | string, data: string) =>
  createHmac('sha256', key).update(data, 'utf8').digest();
const sha256Hex = (data: Buffer | string) => createHash('sha256').update(data).digest('hex');

/** RFC 3986 encoding as SigV4 wants it (encodeURIComponent leaves !'()* alone). */
const encode = (s: string) =>
  encodeURIComponent(s).replace(
    /[!'()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );

function canonicalUri(path: string): string {
  if (path === '' || path === '/') return '/';
  return path
    .split('/')
    .map((seg) => encode(encode(decodeURIComponent(seg))))
    .join('/');
}

function canonicalQuery(query: string): string {
  if (!query) return '';
  return query
    .split('&')
    .filter(Boolean)
    .map((pair) => {
      const [k = '', v = ''] = pair.split('=');
      return [
        encode(decodeURIComponent(k.replace(/\+/g, ' '))),
        encode(decodeURIComponent(v.replace(/\+/g, ' '))),
      ] as const;
    })
    .sort(([ak, av], [bk, bv]) => (ak === bk ? (av < bv ? -1 : 1) : ak < bk ? -1 : 1))
    .map(([k, v]) => `${k}=${v}`)
    .join('&');
}

/** Header values by lower-case name, repeated headers joined with commas. */
function headerValues(req: IncomingMessage): Map<string, string> {
  const out = new Map<string, string>();
  for (let i = 0; i < req.rawHeaders.length; i += 2) {
    const name = req.rawHeaders[i]!.toLowerCase();
    const value = req.rawHeaders[i + 1]!.trim().replace(/\s+/g, ' ');
    out.set(name, out.has(name) ? `${out.get(name)},${value}` : value);
  }
  return out;
}

function parseAuthorization(header: string) {
  const m = /^AWS4-HMAC-SHA256\s+(.*)$/.exec(header);
  if (!m)
    throw new CognitoError(
      'IncompleteSignatureException',
      `Authorization header requires the AWS4-HMAC-SHA256 algorithm. Authorization=${header.split(' ')[0]}`,
    );
  const fields = new Map<string, string>();
  for (const part of m[1]!.split(',')) {
    const eq = part.indexOf('=');
    if (eq > 0) fields.set(part.slice(0, eq).trim(), part.slice(eq + 1).trim());
  }
  const credential = fields.get('Credential');
  const signedHeaders = fields.get('SignedHeaders');
  const signature = fields.get('Signature');
  const missing = [
    !credential && 'Credential',
    !signedHeaders && 'SignedHeaders',
    !signature && 'Signature',
  ].filter(Boolean);
  if (missing.length) {
    throw new CognitoError(
      'IncompleteSignatureException',
      `Authorization header requires ${missing.map((f) => `'${f}'`).join(', ')} parameter(s). Authorization=${header}`,
    );
  }
  const scope = credential!.split('/');
  if (scope.length !== 5 || scope[4] !== 'aws4_request') {
    throw new CognitoError(
      'IncompleteSignatureException',
      `Credential should be scoped to a valid region, service and aws4_request. Credential=${credential}`,
    );
  }
  const [accessKeyId, date, region, service] = scope as [string, string, string, string];
  return {
    accessKeyId,
    date,
    region,
    service,
    signedHeaders: signedHeaders!.split(';'),
    signature: signature!,
  };
}

/**
 * Throws the AWS error a real endpoint returns for an unsigned or badly
 * signed request; returns the key pair that signed it.
 */
export function verifySigV4<K extends Credentials>(
  req: IncomingMessage,
  body: Buffer,
  keyPairs: readonly K[],
  region: string,
  wallClock: number,
): K {
  const header = req.headers.authorization;
  if (!header)
    throw new CognitoError('MissingAuthenticationTokenException', 'Missing Authentication Token');
  const auth = parseAuthorization(header);
  const credentials = keyPairs.find((k) => k.accessKeyId === auth.accessKeyId);
  if (!credentials) {
    throw new CognitoError(
      'UnrecognizedClientException',
      'The security token included in the request is invalid.',
    );
  }
  const headers = headerValues(req);
  const amzDate = headers.get('x-amz-date');
  if (!amzDate || !/^\d{8}T\d{6}Z$/.test(amzDate)) {
    throw new CognitoError(
      'IncompleteSignatureException',
      "Authorization header requires existence of a 'X-Amz-Date' header.",
    );
  }
  if (!auth.signedHeaders.includes('host') || !auth.signedHeaders.includes('x-amz-date'))
    throw new CognitoError('InvalidSignatureException', INVALID_SIGNATURE);
  const signedAt = Date.UTC(
    +amzDate.slice(0, 4),
    +amzDate.slice(4, 6) - 1,
    +amzDate.slice(6, 8),
    +amzDate.slice(9, 11),
    +amzDate.slice(11, 13),
    +amzDate.slice(13, 15),
  );
  if (Math.abs(signedAt - wallClock) > MAX_SKEW_MS) {
    throw new CognitoError(
      'InvalidSignatureException',
      `Signature expired: ${amzDate} is now earlier than the 5 minute window allowed.`,
    );
  }
  if (auth.date !== amzDate.slice(0, 8) || auth.region !== region || auth.service !== SERVICE) {
    throw new CognitoError(
      'InvalidSignatureException',
      `Credential should be scoped to a valid region and service ${region}/${SERVICE}. `,
    );
  }
  const url = new URL(req.url ?? '/', 'http://emulator');
  const canonicalRequest = [
    req.method ?? 'POST',
    canonicalUri(url.pathname),
    canonicalQuery(url.search.slice(1)),
    auth.signedHeaders.map((h) => `${h}:${headers.get(h) ?? ''}\n`).join(''),
    auth.signedHeaders.join(';'),
    sha256Hex(body),
  ].join('\n');
  const scope = `${auth.date}/${auth.region}/${auth.service}/aws4_request`;
  const stringToSign = ['AWS4-HMAC-SHA256', amzDate, scope, sha256Hex(canonicalRequest)].join('\n');
  const key = hmac(
    hmac(hmac(hmac(`AWS4${credentials.secretAccessKey}`, auth.date), auth.region), auth.service),
    'aws4_request',
  );
  const expected = Buffer.from(createHmac('sha256', key).update(stringToSign).digest('hex'));
  const given = Buffer.from(auth.signature);
  if (given.length !== expected.length || !timingSafeEqual(given, expected))
    throw new CognitoError('InvalidSignatureException', INVALID_SIGNATURE);
  return credentials;
}

/** IAM's refusal, worded as AWS words it, naming the action and the pool. */
export function accessDenied(
  accessKeyId: string,
  action: string,
  region: string,
  poolId: unknown,
): CognitoError {
  const resource =
    typeof poolId === 'string'
      ? `arn:aws:cognito-idp:${region}:000000000000:userpool/${poolId}`
      : '*';
  return new CognitoError(
    'AccessDeniedException',
    `User: arn:aws:iam::000000000000:user/${accessKeyId} is not authorized to perform: cognito-idp:${action} on resource: ${resource} because no identity-based policy allows the cognito-idp:${action} action`,
  );
}
