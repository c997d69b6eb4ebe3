import { useState, type ReactNode } from 'react';
import type { Messages } from '../../lib/i18n';

export interface SettingsView {
  autoCaptureThreshold: string;
  retentionDays: number;
  language: 'zh-CN' | 'en';
  disabledCategories: string[];
  ocr: boolean;
}

export function SettingsPanel({ t, value, onSave, storage }: {
  t: Messages;
  value: SettingsView;
  onSave: (v: SettingsView) => void;
  storage: { label: string; value: string }[];
}) {
  const [v, setV] = useState(value);
  return (
    <section aria-label={t.tabSettings} className="panel">
      <form
        onSubmit={(e) => {
          e.preventDefault();
          onSave(v);
        }}
      >
        <label>
          {t.settingsThreshold}
          <select value={v.autoCaptureThreshold} onChange={(e) => setV({ ...v, autoCaptureThreshold: e.currentTarget.value })} data-testid="threshold">
            <option value="off">{t.off}</option>
            {(['critical', 'high', 'medium', 'low'] as const).map((s) => (
              <option key={s} value={s}>
                {t[s]}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t.retentionDays}
          <input type="number" min={0} max={3650} value={v.retentionDays} onChange={(e) => setV({ ...v, retentionDays: Math.max(0, Number(e.currentTarget.value) || 0) })} />
        </label>
        <label className="check">
          <input type="checkbox" checked={v.ocr} onChange={(e) => setV({ ...v, ocr: e.currentTarget.checked })} data-testid="ocr" /> {t.ocrSetting}
        </label>
        <label>
          {t.language}
          <select value={v.language} onChange={(e) => setV({ ...v, language: e.currentTarget.value === 'en' ? 'en' : 'zh-CN' })}>
            <option value="zh-CN">中文</option>
            <option value="en">English</option>
          </select>
        </label>
        <button type="submit">{t.save}</button>
      </form>
      <h2>{t.storage}</h2>
      <dl>
        {storage.map((s) => (
          <div key={s.label}>
            <dt>{s.label}</dt>
            <dd>{s.value}</dd>
          </div>
        ))}
      </dl>
    </section>
  );
}

export interface CustomTermView {
  term: string;
  category: string;
  categoryName: string;
  severity: 'info' | 'low' | 'medium' | 'high' | 'critical';
}

export function LexiconPanel({ t, categories, disabled, onToggle, preview, onPreview, customTerms, termError, onAddTerm, onRemoveTerm }: {
  t: Messages;
  categories: { id: string; name: string; rules: number }[];
  disabled: string[];
  onToggle: (id: string, on: boolean) => void;
  preview: { text: string; hits: string[] } | null;
  onPreview: (text: string) => void;
  customTerms: CustomTermView[];
  /** The message for the last rejected term, if any. */
  termError: string | undefined;
  onAddTerm: (input: { term: string; category: string; severity: string }) => void;
  onRemoveTerm: (term: string) => void;
}) {
  const [term, setTerm] = useState('');
  const [category, setCategory] = useState(categories[0]?.id ?? '');
  const [severity, setSeverity] = useState<CustomTermView['severity']>('medium');
  return (
    <section aria-label={t.tabLexicon} className="panel">
      <fieldset data-testid="custom-terms">
        <legend>{t.customTermsTitle}</legend>
        <p className="muted">{t.customTermsNote}</p>
        <form
          onSubmit={(e) => {
            e.preventDefault();
            onAddTerm({ term, category, severity });
            setTerm('');
          }}
        >
          <label>
            {t.customTerm}
            <input value={term} maxLength={60} placeholder={t.customTermPlaceholder} onChange={(e) => setTerm(e.currentTarget.value)} data-testid="custom-term" />
          </label>
          <label>
            {t.customTermCategory}
            <select value={category} onChange={(e) => setCategory(e.currentTarget.value)} data-testid="custom-term-category">
              {categories.map((c) => (
                <option key={c.id} value={c.id}>
                  {c.name}
                </option>
              ))}
            </select>
          </label>
          <label>
            {t.customTermSeverity}
            <select value={severity} onChange={(e) => setSeverity(e.currentTarget.value as CustomTermView['severity'])}>
              {(['critical', 'high', 'medium', 'low', 'info'] as const).map((s) => (
                <option key={s} value={s}>
                  {t[s]}
                </option>
              ))}
            </select>
          </label>
          <button type="submit">{t.customTermAdd}</button>
        </form>
        {termError && (
          <p role="alert" className="error">
            {termError}
          </p>
        )}
        {customTerms.length === 0 ? (
          <p className="muted">{t.customTermsNone}</p>
        ) : (
          <ul>
            {customTerms.map((c) => (
              <li key={c.term}>
                「{c.term}」{c.categoryName} · {t[c.severity]}{' '}
                <button type="button" onClick={() => onRemoveTerm(c.term)} aria-label={`${t.customTermRemove} ${c.term}`}>
                  {t.customTermRemove}
                </button>
              </li>
            ))}
          </ul>
        )}
      </fieldset>
      <fieldset>
        <legend>{t.categoriesOnOff}</legend>
        {categories.map((c) => (
          <label key={c.id} className="check">
            <input type="checkbox" checked={!disabled.includes(c.id)} onChange={(e) => onToggle(c.id, e.currentTarget.checked)} /> {c.name} ({c.rules})
          </label>
        ))}
      </fieldset>
      <label>
        {t.preview}
        <textarea rows={3} onChange={(e) => onPreview(e.currentTarget.value)} placeholder="这款面霜可以治疗湿疹，全网最低价" />
      </label>
      {preview && (
        <ul aria-live="polite">
          {preview.hits.map((h, i) => (
            <li key={i}>{h}</li>
          ))}
        </ul>
      )}
    </section>
  );
}

export interface CaseView {
  id: string;
  title: string;
  status: 'open' | 'filed' | 'closed';
  snapshotCount: number;
  tags: string;
}

export function CasesPanel({ t, cases, onCreate, onStatus, onTags, onExport, selectedCount, onAdd }: {
  t: Messages;
  cases: CaseView[];
  onCreate: (title: string) => void;
  onStatus: (id: string, status: CaseView['status']) => void;
  onTags: (id: string, tags: string) => void;
  onExport: (id: string) => void;
  selectedCount: number;
  onAdd: (id: string) => void;
}) {
  const [title, setTitle] = useState('');
  return (
    <section aria-label={t.tabCases} className="panel">
      <form
        onSubmit={(e) => {
          e.preventDefault();
          onCreate(title);
          setTitle('');
        }}
      >
        <label>
          {t.caseTitle} <input value={title} onChange={(e) => setTitle(e.currentTarget.value)} />
        </label>{' '}
        <button type="submit">{t.newCase}</button>
      </form>
      <ul className="cases">
        {cases.map((c) => (
          <li key={c.id}>
            <strong>{c.title}</strong> · {t.snapshots} {c.snapshotCount}{' '}
            <select value={c.status} onChange={(e) => onStatus(c.id, e.currentTarget.value as CaseView['status'])} aria-label={c.title}>
              <option value="open">{t.status_open}</option>
              <option value="filed">{t.status_filed}</option>
              <option value="closed">{t.status_closed}</option>
            </select>{' '}
            <label>
              {t.tags} <input defaultValue={c.tags} onBlur={(e) => onTags(c.id, e.currentTarget.value)} />
            </label>{' '}
            <button type="button" disabled={selectedCount === 0} onClick={() => onAdd(c.id)}>
              {t.addToCase} ({selectedCount})
            </button>{' '}
            <button type="button" disabled={c.snapshotCount === 0} onClick={() => onExport(c.id)}>
              {t.exportCase}
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}

export function ImportPanel({ t, onFile, result, imported }: { t: Messages; onFile: (f: File) => void; result: { ok: boolean; text: string } | null; imported: ReactNode[] }) {
  return (
    <section aria-label={t.tabImport} className="panel">
      <p>{t.importHint}</p>
      <label>
        {t.tabImport}{' '}
        <input type="file" accept=".zip,application/zip" data-testid="import-file" onChange={(e) => e.currentTarget.files?.[0] && onFile(e.currentTarget.files[0])} />
      </label>
      {result && (
        <p role={result.ok ? 'status' : 'alert'} className={result.ok ? 'notice' : 'error'} data-testid="import-result">
          {result.text}
        </p>
      )}
      <div className="snapshots" data-testid="imported">
        {imported}
      </div>
    </section>
  );
}

/** Sites the user enabled for LiveProof beyond the listed platforms (match patterns), each removable. */
export function SitesPanel({ t, sites, onRemove }: { t: Messages; sites: string[]; onRemove: (pattern: string) => void }) {
  return (
    <section aria-label={t.sitesTitle} className="panel" data-testid="sites">
      <h2>{t.sitesTitle}</h2>
      {sites.length === 0 ? (
        <p className="muted">{t.sitesNone}</p>
      ) : (
        <ul>
          {sites.map((p) => (
            <li key={p}>
              <code>{p.replace(/\/\*$/, '')}</code>{' '}
              <button type="button" onClick={() => onRemove(p)}>
                {t.sitesRemove}
              </button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
