/**
 * Canonical serialisation and SHA-256 (WebCrypto: the same in the service
 * worker, extension pages and Node 20).
 *
 * Canonical JSON: object keys sorted by UTF-16 code unit order, no whitespace,
 * `undefined` members omitted, arrays kept in order, numbers as JSON writes
 * them (non-finite numbers are refused). Two records that mean the same thing
 * serialise to the same bytes, so their hashes agree on any machine.
 */
export function canonicalJson(value: unknown): string {
  if (value === null) return 'null';
  switch (typeof value) {
    case 'string':
      return JSON.stringify(value);
    case 'boolean':
      return value ? 'true' : 'false';
    case 'number':
      if (!Number.isFinite(value)) throw new Error(`canonicalJson: non-finite number ${value}`);
      return JSON.stringify(value);
    case 'object': {
      if (Array.isArray(value)) return `[${value.map((v) => (v === undefined ? 'null' : canonicalJson(v))).join(',')}]`;
      if (ArrayBuffer.isView(value) || value instanceof ArrayBuffer) throw new Error('canonicalJson: binary data must be hashed as a blob');
      const obj = value as Record<string, unknown>;
      const keys = Object.keys(obj)
        .filter((k) => obj[k] !== undefined)
        .sort();
      return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson(obj[k])}`).join(',')}}`;
    }
    default:
      throw new Error(`canonicalJson: cannot serialise ${typeof value}`);
  }
}

const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));

export function toHex(buf: ArrayBuffer): string {
  const bytes = new Uint8Array(buf);
  let s = '';
  for (let i = 0; i < bytes.length; i++) s += HEX[bytes[i]!];
  return s;
}

export async function sha256Bytes(data: ArrayBuffer | Uint8Array): Promise<string> {
  const view = data instanceof Uint8Array ? data : new Uint8Array(data);
  return toHex(await crypto.subtle.digest('SHA-256', view as Uint8Array<ArrayBuffer>));
}

export async function sha256Text(text: string): Promise<string> {
  return sha256Bytes(new TextEncoder().encode(text));
}

/** SHA-256 of a record's canonical serialisation. */
export function hashRecord(value: unknown): Promise<string> {
  return sha256Text(canonicalJson(value));
}

/** The hash the first record of a chain points back to. */
export const GENESIS = '0'.repeat(64);
