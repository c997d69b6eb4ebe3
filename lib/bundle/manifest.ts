/**
 * The bundle manifest (manifest.json): a versioned Zod schema, also emitted as
 * JSON Schema to docs/bundle-manifest.schema.json (test/bundle/manifest.test.ts
 * checks the committed file is current).
 *
 * Versioning: `bundleFormat` is "MAJOR.MINOR". A minor bump only adds optional
 * fields (readers keep unknown fields: objects are loose); a major bump may
 * change meaning, so readers refuse a newer major with a clear message
 * (`checkFormat`).
 *
 * Main exports: BUNDLE_FORMAT, ManifestSchema, Manifest, Segment, ChainLinkSchema,
 * checkFormat, manifestJsonSchema.
 */
import { z } from 'zod';

export const BUNDLE_FORMAT = '1.0';
export const BUNDLE_KIND = 'liveproof-evidence-bundle';
export const TOOL_NAME = 'liveproof';

/** File and record names: ASCII, no traversal, no absolute paths. */
export const SAFE_NAME = /^[A-Za-z0-9_-][A-Za-z0-9._-]{0,127}$/;
export const SAFE_PATH = /^[A-Za-z0-9_-][A-Za-z0-9._-]{0,127}(\/[A-Za-z0-9_-][A-Za-z0-9._-]{0,127}){0,3}$/;

const Sha256 = z.string().regex(/^[0-9a-f]{64}$/, 'expected 64 lowercase hex digits (SHA-256)');
const IsoWithZone = z
  .string()
  .regex(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d{1,9})?(Z|[+-]\d\d:\d\d)$/, 'expected an ISO 8601 time with a zone');
const SafeName = z.string().regex(SAFE_NAME, 'expected a safe name ([A-Za-z0-9._-], no leading dot)');

export const ChainLinkSchema = z.looseObject({
  seq: z.number().int().min(0),
  recordId: SafeName,
  type: z.enum(['snapshot', 'tombstone']),
  at: IsoWithZone,
  contentHash: Sha256,
  prevHash: Sha256,
  hash: Sha256,
});

export const SegmentSchema = z
  .looseObject({
    id: SafeName.describe('segment id, unique in this bundle'),
    anchor: z
      .looseObject({
        prevHash: Sha256.describe('prevHash of the first link: where this segment hangs on its chain (64 zeros at the chain start)'),
        headSeq: z.number().int().min(0).describe('seq of the chain head when the segment was exported'),
        headHash: Sha256.describe('hash of the chain head when the segment was exported'),
      })
      .describe('the anchor: the segment runs without gaps from prevHash to the head at export time'),
    links: z.array(ChainLinkSchema).min(1),
  })
  .describe('a contiguous run of chain links, from the first exported record to the head at export time');

export const RecordEntrySchema = z.looseObject({
  recordId: SafeName,
  type: z.enum(['snapshot', 'tombstone']),
  path: z.string().regex(SAFE_PATH),
  contentHash: Sha256.describe('SHA-256 of the canonical JSON in `path`'),
  refs: z
    .array(z.looseObject({ segment: SafeName, seq: z.number().int().min(0) }))
    .min(1)
    .describe('the chain links (segment id + seq) that hold this record'),
  from: z.array(Sha256).describe('manifest SHA-256 of the source bundles this record came from (empty for a direct export)'),
});

export const FileEntrySchema = z.looseObject({
  path: z.string().regex(SAFE_PATH),
  sha256: Sha256,
  size: z.number().int().min(0),
  role: z.enum(['record', 'chain', 'screenshot', 'findings', 'report', 'complaint', 'readme']),
  mime: z.string().max(100).optional(),
});

export const SourceSchema = z.looseObject({
  manifestSha256: Sha256,
  bundleFormat: z.string().max(20),
  createdAt: IsoWithZone,
  exportedBy: z.string().max(200).optional(),
  method: z.enum(['export', 'merge']),
});

export const ManifestSchema = z
  .looseObject({
    bundleFormat: z.string().regex(/^\d+\.\d+$/).describe('MAJOR.MINOR; readers refuse a newer major'),
    kind: z.literal(BUNDLE_KIND),
    createdAt: IsoWithZone,
    tool: z.looseObject({ name: z.string().max(100), version: z.string().max(100) }),
    versions: z
      .looseObject({
        extension: z.array(z.string().max(100)),
        lexicon: z.array(z.string().max(100)),
        browser: z.array(z.string().max(300)),
      })
      .describe('distinct versions recorded in the exported records'),
    provenance: z.looseObject({
      method: z.enum(['export', 'merge']),
      exportedBy: z.string().max(200).optional(),
      sources: z.array(SourceSchema).describe('bundles merged into this one (empty for a direct export)'),
    }),
    segments: z.array(SegmentSchema).min(1),
    records: z.array(RecordEntrySchema).min(1),
    files: z.array(FileEntrySchema).min(1).describe('every member except manifest.json and SHA256SUMS'),
    selfHash: Sha256.describe('SHA-256 of the canonical JSON of this manifest without selfHash (catches accidental corruption)'),
  })
  .describe('LiveProof evidence bundle manifest');

export type ChainLink = z.infer<typeof ChainLinkSchema>;
export type Segment = z.infer<typeof SegmentSchema>;
export type RecordEntry = z.infer<typeof RecordEntrySchema>;
export type FileEntry = z.infer<typeof FileEntrySchema>;
export type Source = z.infer<typeof SourceSchema>;
export type Manifest = z.infer<typeof ManifestSchema>;

/** null when this reader can read `format`; otherwise why not. Newer minors are accepted. */
export function checkFormat(format: unknown): string | null {
  if (typeof format !== 'string') return 'bundleFormat is missing';
  const m = /^(\d+)\.(\d+)$/.exec(format);
  if (!m) return `bundleFormat ${JSON.stringify(format.slice(0, 20))} is not MAJOR.MINOR`;
  const major = Number(m[1]);
  const mine = Number(BUNDLE_FORMAT.split('.')[0]);
  if (major > mine) {
    return `bundle format ${format} is newer than this reader supports (${mine}.x): update liveproof to read it`;
  }
  if (major < mine) return `bundle format ${format} is older than any this reader supports (${mine}.x)`;
  return null;
}

/** The JSON Schema committed as docs/bundle-manifest.schema.json. */
export function manifestJsonSchema(): Record<string, unknown> {
  return {
    $id: 'https://liveproof.invalid/bundle-manifest.schema.json',
    title: `LiveProof bundle manifest ${BUNDLE_FORMAT}`,
    ...z.toJSONSchema(ManifestSchema, { io: 'input' }),
  };
}
