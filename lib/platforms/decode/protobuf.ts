/**
 * A minimal protobuf wire-format reader: enough to walk ByteDance webcast
 * frames by field number. No schema, no code generation, no eval. Unknown
 * fields are skipped; malformed input throws ProtoError (callers drop the frame).
 */
export class ProtoError extends Error {}

export type Field =
  | { no: number; wire: 0; value: bigint }
  | { no: number; wire: 1; value: Uint8Array }
  | { no: number; wire: 2; value: Uint8Array }
  | { no: number; wire: 5; value: Uint8Array };

const MAX_FIELDS = 100_000;

export function readVarint(buf: Uint8Array, pos: number): [bigint, number] {
  let result = 0n;
  let shift = 0n;
  for (let i = 0; i < 10; i++) {
    if (pos >= buf.length) throw new ProtoError('truncated varint');
    const b = buf[pos++]!;
    result |= BigInt(b & 0x7f) << shift;
    if ((b & 0x80) === 0) return [result, pos];
    shift += 7n;
  }
  throw new ProtoError('varint too long');
}

/** All top-level fields of one message, in order. */
export function fields(buf: Uint8Array): Field[] {
  const out: Field[] = [];
  let pos = 0;
  while (pos < buf.length) {
    if (out.length > MAX_FIELDS) throw new ProtoError('too many fields');
    const [key, p1] = readVarint(buf, pos);
    pos = p1;
    const no = Number(key >> 3n);
    const wire = Number(key & 7n);
    if (no === 0) throw new ProtoError('field number 0');
    switch (wire) {
      case 0: {
        const [v, p2] = readVarint(buf, pos);
        pos = p2;
        out.push({ no, wire: 0, value: v });
        break;
      }
      case 1:
        if (pos + 8 > buf.length) throw new ProtoError('truncated fixed64');
        out.push({ no, wire: 1, value: buf.subarray(pos, pos + 8) });
        pos += 8;
        break;
      case 2: {
        const [len, p2] = readVarint(buf, pos);
        const n = Number(len);
        if (p2 + n > buf.length) throw new ProtoError('truncated bytes');
        out.push({ no, wire: 2, value: buf.subarray(p2, p2 + n) });
        pos = p2 + n;
        break;
      }
      case 5:
        if (pos + 4 > buf.length) throw new ProtoError('truncated fixed32');
        out.push({ no, wire: 5, value: buf.subarray(pos, pos + 4) });
        pos += 4;
        break;
      default:
        throw new ProtoError(`unsupported wire type ${wire}`);
    }
  }
  return out;
}

const utf8 = new TextDecoder();

/** A parsed message with typed accessors by field number. */
export class Msg {
  readonly f: Field[];
  constructor(buf: Uint8Array) {
    this.f = fields(buf);
  }
  bytes(no: number): Uint8Array | undefined {
    const x = this.f.find((f) => f.no === no && f.wire === 2);
    return x?.value as Uint8Array | undefined;
  }
  allBytes(no: number): Uint8Array[] {
    return this.f.filter((f) => f.no === no && f.wire === 2).map((f) => f.value as Uint8Array);
  }
  str(no: number): string {
    const b = this.bytes(no);
    return b ? utf8.decode(b) : '';
  }
  uint(no: number): bigint | undefined {
    const x = this.f.find((f) => f.no === no && f.wire === 0);
    return x?.value as bigint | undefined;
  }
  num(no: number): number | undefined {
    const v = this.uint(no);
    return v === undefined ? undefined : Number(v);
  }
  bool(no: number): boolean {
    return (this.uint(no) ?? 0n) !== 0n;
  }
  msg(no: number): Msg | undefined {
    const b = this.bytes(no);
    return b ? new Msg(b) : undefined;
  }
  msgs(no: number): Msg[] {
    return this.allBytes(no).map((b) => new Msg(b));
  }
}
