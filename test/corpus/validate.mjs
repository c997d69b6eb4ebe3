// Sanity check for the LiveProof evaluation corpus: node test/corpus/validate.mjs
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const dir = dirname(fileURLToPath(import.meta.url));
const LABELS = new Set(['absolute_terms','authority_endorsement','medical_claims_nonmedical','health_food_claims','cosmetics_claims','infant_special_foods','price_fraud','false_scarcity_urgency','fake_data_sales','off_platform_inducement','financial_promises','education_promises','unverified_data_citation','patent_certification','comparative_disparagement','drug_device_ads','superstition','minors','quality_exemption','efficacy_guarantee_general','provenance_misrepresentation','alcohol','tobacco','agri_inputs']);
const CATS = new Set(['drug','medical_device','health_food','special_medical_food','infant_formula','ordinary_food','cosmetics','disinfection','agri_inputs','alcohol','tobacco','education','investment','real_estate','general_goods']);
const CHANNELS = new Set(['caption','card','title','notice','overlay']);
const KINDS = new Set(['violation','lawful','evasion']);
const ids = new Set(); const perKind = {}; const perLabel = {}; const perFile = {}; const errors = [];
for (const f of readdirSync(dir).filter((n) => n.endsWith('.jsonl'))) {
  readFileSync(join(dir, f), 'utf8').split('\n').forEach((line, i) => {
    if (!line.trim()) return;
    const where = `${f}:${i + 1}`;
    let o; try { o = JSON.parse(line); } catch (e) { errors.push(`${where} bad JSON`); return; }
    if (!o.id || ids.has(o.id)) errors.push(`${where} missing/duplicate id ${o.id}`); ids.add(o.id);
    if (typeof o.text !== 'string' || !o.text || o.text.length > 120) errors.push(`${where} text missing or >120 chars`);
    if (!CHANNELS.has(o.channel)) errors.push(`${where} bad channel ${o.channel}`);
    if (!KINDS.has(o.kind)) errors.push(`${where} bad kind ${o.kind}`);
    if (!Array.isArray(o.labels)) errors.push(`${where} labels not array`);
    for (const l of o.labels ?? []) if (!LABELS.has(l)) errors.push(`${where} unknown label ${l}`);
    if (o.kind === 'lawful' && o.labels.length) errors.push(`${where} lawful item has labels`);
    if (o.kind !== 'lawful' && !o.labels.length) errors.push(`${where} ${o.kind} item without labels`);
    if (o.context?.productCategory && !CATS.has(o.context.productCategory)) errors.push(`${where} bad productCategory`);
    if (!o.source?.title || !/^https?:\/\//.test(o.source?.url ?? '')) errors.push(`${where} source title/url missing`);
    if (o.techniqueSource && !/^https?:\/\//.test(o.techniqueSource.url ?? '')) errors.push(`${where} techniqueSource url missing`);
    perKind[o.kind] = (perKind[o.kind] ?? 0) + 1; perFile[f] = (perFile[f] ?? 0) + 1;
    for (const l of o.labels ?? []) perLabel[l] = (perLabel[l] ?? 0) + 1;
  });
}
console.log('items', ids.size, perFile, perKind);
console.log(Object.entries(perLabel).sort((a, b) => b[1] - a[1]).map(([k, v]) => `${k}:${v}`).join(' '));
if (errors.length) { console.error(errors.join('\n')); process.exit(1); }
