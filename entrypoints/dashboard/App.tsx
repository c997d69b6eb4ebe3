import { useCallback, useEffect, useMemo, useState } from 'react';
import { CasesPanel, ImportPanel, LexiconPanel, SettingsPanel, SitesPanel, type CaseView, type SettingsView } from '../../components/dashboard/Panels';
import { SessionFilters, SessionList, type FilterView } from '../../components/dashboard/SessionList';
import { SnapshotCard, type SnapshotView } from '../../components/dashboard/SnapshotCard';
import { Timeline } from '../../components/dashboard/Timeline';
import { categoryName } from '../../lib/categories';
import { EMPTY_FILTER, sessionRows, snapshotView, timelineRows, toSessionFilter } from '../../lib/dashboard/view';
import type { ChainRow, LiveProofDb, SnapshotRow } from '../../lib/evidence/db';
import {
  addToCase,
  createCase,
  filterSessions,
  listCases,
  listSessionSummaries,
  notesOf,
  screenshotBytes,
  sessionTimeline,
  storageUse,
  updateCase,
  type SessionSummary,
  type TimelineItem,
} from '../../lib/evidence/query';
import { addNote } from '../../lib/evidence/snapshot';
import { listImportedRecords } from '../../lib/evidence/import';
import { messages, type Lang } from '../../lib/i18n';
import type { Settings } from '../../lib/settings';
import type { CustomTermError } from '../../lib/analyze/custom';

export type Selection = { snapshotIds: string[] } | { sessionKey: string } | { caseId: string };

export interface DashboardEnv {
  db: LiveProofDb;
  getSettings(): Promise<Settings>;
  saveSettings(s: Settings): Promise<void>;
  categories: { id: string; rules: number }[];
  /** Findings the lexicon and the given own terms make in `text`, as readable lines. */
  previewText(text: string, lang: Lang, customTerms: Settings['customTerms']): string[];
  /** Check a new own term against the rules and the list (lib/analyze/custom.ts). */
  validateTerm(input: { term: string; category: string; severity: string }, existing: Settings['customTerms']): { ok: true; term: Settings['customTerms'][number] } | { ok: false; error: CustomTermError };
  exportBundle(selection: Selection): Promise<{ bytes: Uint8Array; fileName: string }>;
  importBundle(file: File): Promise<{ ok: true; records: number } | { ok: false; error: string }>;
  download(bytes: Uint8Array, fileName: string): void;
  /** Switches OCR on or off in the background; resolves to an error text when it cannot. */
  setOcr(on: boolean): Promise<string | undefined>;
  verifyChain(): Promise<{ ok: boolean; records: number; failure?: { reason: string; seq: number | null } }>;
  /** Sites enabled beyond the listed platforms (match patterns); removing one resolves to the rest. */
  listSites(): Promise<string[]>;
  removeSite(pattern: string): Promise<string[]>;
}

const TERM_ERROR = {
  too_short: 'termTooShort',
  too_long: 'termTooLong',
  no_text: 'termNoText',
  duplicate: 'termDuplicate',
  category: 'termCategory',
  severity: 'termSeverity',
  too_many: 'termTooMany',
} as const satisfies Record<CustomTermError, string>;

type Tab = 'sessions' | 'cases' | 'lexicon' | 'settings' | 'import';

export function App(env: DashboardEnv) {
  const { db } = env;
  const [settings, setSettings] = useState<Settings | null>(null);
  const lang: Lang = settings?.language ?? 'zh-CN';
  const t = messages(lang);
  const [tab, setTab] = useState<Tab>('sessions');
  const [summaries, setSummaries] = useState<SessionSummary[]>([]);
  const [filter, setFilter] = useState<FilterView>(EMPTY_FILTER);
  const [open, setOpen] = useState<string | null>(null);
  const [timeline, setTimeline] = useState<TimelineItem[]>([]);
  const [chain, setChain] = useState<Map<string, ChainRow>>(new Map());
  const [snapViews, setSnapViews] = useState<SnapshotView[]>([]);
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [cases, setCases] = useState<CaseView[]>([]);
  const [status, setStatus] = useState<string>('');
  const [sites, setSites] = useState<string[]>([]);
  const [termError, setTermError] = useState<string | undefined>();
  const [importResult, setImportResult] = useState<{ ok: boolean; text: string } | null>(null);
  const [preview, setPreview] = useState<{ text: string; hits: string[] } | null>(null);
  const [storage, setStorage] = useState<{ label: string; value: string }[]>([]);
  const [imported, setImported] = useState<SnapshotView[]>([]);

  const refresh = useCallback(async () => {
    setSummaries(await listSessionSummaries(db));
    const cs = await listCases(db);
    setCases(cs.map((c) => ({ id: c.id, title: c.title, status: c.status, snapshotCount: c.snapshotIds.length, tags: c.tags.join(' ') })));
    setChain(new Map((await db.chain.toArray()).map((l) => [l.recordId, l])));
    const urls: string[] = [];
    const views: SnapshotView[] = [];
    for (const r of await listImportedRecords(db)) {
      const sha = r.content.screenshot?.sha256;
      const bytes = sha ? await screenshotBytes(db, sha) : undefined;
      const url = bytes ? URL.createObjectURL(new Blob([bytes], { type: r.content.screenshot?.mime ?? 'image/png' })) : null;
      if (url) urls.push(url);
      const source = r.provenance.map((p) => `${p.manifestSha256.slice(0, 16)}… (${p.importedAt})`).join('；');
      const v = snapshotView({ id: r.recordId, sessionKey: r.sessionKey, tabId: -1, capturedAtMs: r.capturedAtMs, content: r.content }, undefined, url, [], lang, source);
      if (v) views.push(v);
    }
    setImported(views);
    const u = await storageUse(db);
    const mb = (n?: number) => (n === undefined ? '—' : `${(n / 1_048_576).toFixed(1)} MB`);
    setStorage([
      { label: t.events, value: String(u.events) },
      { label: t.findings, value: String(u.findings) },
      { label: t.snapshots, value: String(u.snapshots) },
      { label: t.screenshot, value: String(u.blobs) },
      { label: t.storage, value: `${mb(u.usage)} / ${mb(u.quota)}` },
    ]);
  }, [db, t, lang]);

  useEffect(() => {
    void env.getSettings().then(setSettings);
    void env.listSites().then(setSites, () => setSites([]));
  }, [env]);
  useEffect(() => {
    document.documentElement.lang = lang;
    document.title = t.dashboard;
    void refresh();
  }, [lang, refresh, t]);

  useEffect(() => {
    if (!open) return;
    let urls: string[] = [];
    void (async () => {
      const items = await sessionTimeline(db, open);
      setTimeline(items);
      const snaps = items.filter((i): i is Extract<TimelineItem, { kind: 'snapshot' }> => i.kind === 'snapshot').map((i) => i.snapshot);
      const links = new Map((await db.chain.toArray()).map((l) => [l.recordId, l]));
      const views: SnapshotView[] = [];
      for (const s of snaps) views.push(...(await viewOf(s, links)));
      setSnapViews(views);
    })();
    async function viewOf(s: SnapshotRow, links: Map<string, ChainRow>): Promise<SnapshotView[]> {
      let url: string | null = null;
      const sha = s.content?.screenshot?.sha256;
      if (sha) {
        const bytes = await screenshotBytes(db, sha);
        if (bytes) {
          url = URL.createObjectURL(new Blob([bytes], { type: s.content?.screenshot?.mime ?? 'image/png' }));
          urls.push(url);
        }
      }
      const notes = (await notesOf(db, s.id)).map((n) => n.text);
      const v = snapshotView(s, links.get(s.id), url, notes, lang);
      return v ? [v] : [];
    }
    return () => {
      for (const u of urls) URL.revokeObjectURL(u);
      urls = [];
    };
  }, [db, open, lang, status]);

  const rows = useMemo(() => sessionRows(filterSessions(summaries, toSessionFilter(filter)), lang), [summaries, filter, lang]);
  const platforms = useMemo(() => [...new Set(summaries.map((s) => s.session.platform))].sort(), [summaries]);
  const categories = env.categories.map((c) => ({ id: c.id, name: categoryName(c.id, lang), rules: c.rules }));

  const doExport = async (selection: Selection) => {
    setStatus(t.exporting);
    try {
      const { bytes, fileName } = await env.exportBundle(selection);
      env.download(bytes, fileName);
      setStatus(`${t.exported}：${fileName}`);
    } catch (e) {
      setStatus(`${t.error}：${e instanceof Error ? e.message : String(e)}`);
    }
  };

  const session = open ? summaries.find((s) => s.session.key === open)?.session : undefined;
  const tabs: [Tab, string][] = [
    ['sessions', t.tabSessions],
    ['cases', t.tabCases],
    ['lexicon', t.tabLexicon],
    ['settings', t.tabSettings],
    ['import', t.tabImport],
  ];
  return (
    <div className="dashboard">
      <header>
        <h1>{t.dashboard}</h1>
        <nav role="tablist" aria-label={t.dashboard}>
          {tabs.map(([id, label]) => (
            <button key={id} role="tab" aria-selected={tab === id} type="button" onClick={() => setTab(id)} data-testid={`tab-${id}`}>
              {label}
            </button>
          ))}
        </nav>
        <button
          type="button"
          onClick={() => void env.verifyChain().then((r) => setStatus(r.ok ? `${t.chainOk}（${r.records}）` : `${t.chainBad}：#${r.failure?.seq ?? '?'} ${r.failure?.reason ?? ''}`))}
        >
          {t.verifyChain}
        </button>
      </header>
      <p role="status" className="status" data-testid="status">
        {status}
      </p>
      {tab === 'sessions' && !open && (
        <main>
          <SessionFilters t={t} value={filter} onChange={setFilter} platforms={platforms} categories={categories} />
          <SessionList t={t} rows={rows} onOpen={setOpen} height={560} />
        </main>
      )}
      {tab === 'sessions' && open && (
        <main className="session-detail">
          <div className="detail-head">
            <button type="button" onClick={() => setOpen(null)}>
              ← {t.back}
            </button>
            <h2>
              {session?.title} · {session?.host} · {session?.platform} {session?.roomId}
            </h2>
            <button type="button" onClick={() => void doExport({ sessionKey: open })} data-testid="export-session">
              {t.exportSession}
            </button>
            <button type="button" disabled={selected.size === 0} onClick={() => void doExport({ snapshotIds: [...selected] })} data-testid="export-selected">
              {t.exportSelected} ({selected.size})
            </button>
          </div>
          <div className="detail-body">
            <section aria-label={t.timeline}>
              <h3>{t.timeline}</h3>
              <Timeline t={t} rows={timelineRows(timeline, chain, lang)} height={600} onSnapshot={(id) => document.getElementById(`snap-${id}`)?.scrollIntoView()} />
            </section>
            <section aria-label={t.snapshots} className="snapshots">
              {snapViews.map((s) => (
                <SnapshotCard
                  key={s.id}
                  t={t}
                  s={s}
                  selected={selected.has(s.id)}
                  onSelect={(on) => {
                    const next = new Set(selected);
                    if (on) next.add(s.id);
                    else next.delete(s.id);
                    setSelected(next);
                  }}
                  onNote={(text) => void addNote(db, s.id, text).then(() => setStatus(`${t.saved}`))}
                />
              ))}
            </section>
          </div>
        </main>
      )}
      {tab === 'cases' && (
        <CasesPanel
          t={t}
          cases={cases}
          selectedCount={selected.size}
          onCreate={(title) => void createCase(db, title).then(refresh)}
          onStatus={(id, s) => void updateCase(db, id, { status: s }).then(refresh)}
          onTags={(id, tags) => void updateCase(db, id, { tags: tags.split(/[\s,，]+/).filter(Boolean) }).then(refresh)}
          onAdd={(id) => void addToCase(db, id, [...selected]).then(refresh)}
          onExport={(id) => void doExport({ caseId: id })}
        />
      )}
      {tab === 'lexicon' && settings && (
        <LexiconPanel
          t={t}
          categories={categories}
          disabled={settings.disabledCategories}
          onToggle={(id, on) => {
            const disabledCategories = on ? settings.disabledCategories.filter((c) => c !== id) : [...settings.disabledCategories, id];
            const next = { ...settings, disabledCategories };
            setSettings(next);
            void env.saveSettings(next);
          }}
          preview={preview}
          onPreview={(text) => setPreview({ text, hits: env.previewText(text, lang, settings.customTerms) })}
          customTerms={settings.customTerms.map((c) => ({ ...c, categoryName: categories.find((x) => x.id === c.category)?.name ?? c.category }))}
          termError={termError}
          onAddTerm={(input) => {
            const r = env.validateTerm(input, settings.customTerms);
            if (!r.ok) {
              setTermError(t[TERM_ERROR[r.error]]);
              return;
            }
            setTermError(undefined);
            const next = { ...settings, customTerms: [...settings.customTerms, r.term] };
            setSettings(next);
            void env.saveSettings(next);
            if (preview) setPreview({ text: preview.text, hits: env.previewText(preview.text, lang, next.customTerms) });
          }}
          onRemoveTerm={(term) => {
            const next = { ...settings, customTerms: settings.customTerms.filter((c) => c.term !== term) };
            setSettings(next);
            void env.saveSettings(next);
            if (preview) setPreview({ text: preview.text, hits: env.previewText(preview.text, lang, next.customTerms) });
          }}
        />
      )}
      {tab === 'settings' && settings && (
        <SettingsPanel
          t={t}
          value={settings as SettingsView}
          storage={storage}
          onSave={(v) => {
            const next = { ...settings, ...v, autoCaptureThreshold: v.autoCaptureThreshold as Settings['autoCaptureThreshold'] };
            setSettings(next);
            void env.saveSettings(next).then(async () => {
              const err = v.ocr !== settings.ocr ? await env.setOcr(v.ocr) : undefined;
              setStatus(err ? `${t.error}：${err}` : t.saved);
            });
          }}
        />
      )}
      {tab === 'settings' && settings && (
        <SitesPanel t={t} sites={sites} onRemove={(p) => void env.removeSite(p).then(setSites, (e: unknown) => setStatus(`${t.error}：${e instanceof Error ? e.message : String(e)}`))} />
      )}
      {tab === 'import' && (
        <ImportPanel
          t={t}
          result={importResult}
          imported={imported.map((v) => (
            <SnapshotCard key={v.id} t={t} s={v} selected={selected.has(v.id)} onSelect={() => undefined} />
          ))}
          onFile={(f) =>
            void env.importBundle(f).then((r) => {
              setImportResult(r.ok ? { ok: true, text: `${t.importDone}：${r.records}` } : { ok: false, text: `${t.importFailed}：${r.error}` });
              void refresh();
            })
          }
        />
      )}
    </div>
  );
}
