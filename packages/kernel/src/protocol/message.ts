import { createHmac, randomUUID, timingSafeEqual } from 'crypto';

/** Jupyter messaging protocol version this kernel speaks. */
export const PROTOCOL_VERSION = '5.3';
const DELIMITER = '<IDS|MSG>';

export interface Header {
  msg_id: string;
  session: string;
  username: string;
  date: string;
  msg_type: string;
  version: string;
}

/** A decoded message; `identities` are the ROUTER routing frames to reply to. */
export interface Message<C = Record<string, unknown>> {
  identities: Buffer[];
  header: Header;
  parent_header: Partial<Header>;
  metadata: Record<string, unknown>;
  content: C;
  buffers: Buffer[];
}

/** Signs and checks messages with the connection file's key (HMAC-SHA256). */
export class Signer {
  private readonly key: string;

  constructor(key: string, scheme = 'hmac-sha256') {
    if (key && scheme !== 'hmac-sha256') throw new Error(`unsupported signature scheme ${scheme}`);
    this.key = key;
  }

  sign(parts: Buffer[]): string {
    if (!this.key) return '';
    const h = createHmac('sha256', this.key);
    for (const p of parts) h.update(p);
    return h.digest('hex');
  }

  verify(signature: string, parts: Buffer[]): boolean {
    if (!this.key) return true;
    const expected = Buffer.from(this.sign(parts));
    const got = Buffer.from(signature);
    return got.length === expected.length && timingSafeEqual(got, expected);
  }
}

/** Thrown for frames that are not a valid, correctly signed message. */
export class WireError extends Error {}

/** Parses multipart frames; rejects bad signatures. */
export function decode(frames: Buffer[], signer: Signer): Message {
  const at = frames.findIndex((f) => f.toString() === DELIMITER);
  if (at < 0 || frames.length < at + 6) throw new WireError('malformed message: no delimiter or too few frames');
  const signature = frames[at + 1].toString();
  const parts = frames.slice(at + 2, at + 6);
  if (!signer.verify(signature, parts)) throw new WireError('invalid message signature');
  const parse = (b: Buffer) => JSON.parse(b.toString() || '{}');
  return {
    identities: frames.slice(0, at),
    header: parse(parts[0]),
    parent_header: parse(parts[1]),
    metadata: parse(parts[2]),
    content: parse(parts[3]),
    buffers: frames.slice(at + 6),
  };
}

/** Builds the frames of a new message replying to (or caused by) `parent`. */
export function encode(
  signer: Signer,
  msgType: string,
  content: object,
  parent: Message | null,
  session: string,
  identities: Buffer[] = [],
  metadata: object = {},
): Buffer[] {
  const header: Header = {
    msg_id: randomUUID(),
    session,
    username: 'convkit',
    date: new Date().toISOString(),
    msg_type: msgType,
    version: PROTOCOL_VERSION,
  };
  const parts = [header, parent ? parent.header : {}, metadata, content].map((p) => Buffer.from(JSON.stringify(p)));
  return [...identities, Buffer.from(DELIMITER), Buffer.from(signer.sign(parts)), ...parts];
}

/**
 * A header's `date` in microseconds since the epoch (ISO 8601, as clients write it: fraction to
 * 6 digits, `Z` or an offset), or undefined if it has none. Used to order an interrupt and a
 * cell sent by the same client on different channels.
 */
export function headerMicros(header: Partial<Header> | undefined): bigint | undefined {
  const m = /^(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d)(?:\.(\d+))?(Z|[+-]\d\d:?\d\d)?$/.exec(String(header?.date ?? ''));
  if (!m) return undefined;
  const ms = Date.parse(m[1] + (m[3] ?? 'Z'));
  if (!Number.isFinite(ms)) return undefined;
  return BigInt(ms) * 1000n + BigInt((m[2] ?? '').padEnd(6, '0').slice(0, 6));
}
