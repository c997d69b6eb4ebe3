import { useCallback, useEffect, useState } from 'react';
import { RoomPanel } from '../../components/RoomPanel';
import type { Client } from '../../lib/client';
import { messages, type Lang } from '../../lib/i18n';
import { toPopupView } from '../../lib/popup-view';
import type { TabState } from '../../lib/evidence/store';

const REFRESH_MS = 1000;

export interface PopupEnv {
  client: Client;
  tabId: number | undefined;
  initialLang: Lang;
  saveLang(lang: Lang): void;
  hasScreenshotGrant(): Promise<boolean>;
  requestScreenshotGrant(): Promise<boolean>;
  openDashboard(): void;
  /** builtin: LiveProof runs on this site; enable: the user may add it (asks for the site's permission); unsupported: browser pages. */
  pickerSite: 'builtin' | 'enable' | 'unsupported';
  /** Starts the element picker on the tab (bind the product card, captions, title on any site). */
  startPicker(): Promise<'started' | 'denied'>;
}

export function App({ client, tabId, initialLang, saveLang, hasScreenshotGrant, requestScreenshotGrant, openDashboard, pickerSite, startPicker }: PopupEnv) {
  const [lang, setLang] = useState<Lang>(initialLang);
  const [state, setState] = useState<TabState | null>(null);
  const [error, setError] = useState<string | undefined>();
  const [granted, setGranted] = useState<boolean | undefined>();
  const [capturing, setCapturing] = useState(false);
  const [notice, setNotice] = useState<string | undefined>();
  const t = messages(lang);

  const load = useCallback(async () => {
    if (tabId === undefined) return;
    try {
      setState(await client.getTabState(tabId));
      setError(undefined);
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    }
  }, [client, tabId]);

  useEffect(() => {
    void load();
    const timer = setInterval(() => void load(), REFRESH_MS);
    void hasScreenshotGrant().then(setGranted, () => setGranted(undefined));
    return () => clearInterval(timer);
  }, [load, hasScreenshotGrant]);

  useEffect(() => {
    document.documentElement.lang = lang;
    saveLang(lang);
  }, [lang, saveLang]);

  const capture = async () => {
    if (tabId === undefined) return;
    setCapturing(true);
    try {
      const r = await client.captureNow(tabId);
      setNotice(r.screenshot ? `${t.captured} #${r.seq}` : `${t.capturedNoShot.replace('{note}', r.note ?? '')} #${r.seq}`);
      await load();
    } catch (e) {
      setNotice(`${t.error}：${e instanceof Error ? e.message : String(e)}`);
    } finally {
      setCapturing(false);
    }
  };

  const togglePause = async () => {
    if (tabId === undefined || !state) return;
    try {
      setState(await client.setPaused(tabId, !state.paused));
    } catch (e) {
      setNotice(`${t.error}：${e instanceof Error ? e.message : String(e)}`);
    }
  };

  const view = state ? toPopupView(state, lang, granted === undefined ? {} : { screenshotsGranted: granted }) : null;
  return (
    <main>
      <header>
        <h1>{t.appName}</h1>
        <nav>
          <button
            type="button"
            disabled={pickerSite === 'unsupported'}
            title={pickerSite === 'unsupported' ? t.pickerUnsupported : pickerSite === 'enable' ? t.pickerEnableHint : undefined}
            onClick={() =>
              void startPicker().then(
                (r) => (r === 'started' ? window.close() : setNotice(t.sitePermissionDenied)),
                (e: unknown) => setNotice(`${t.error}：${e instanceof Error ? e.message : String(e)}`),
              )
            }
            data-testid="start-picker"
          >
            {pickerSite === 'enable' ? t.pickElementsEnable : t.pickElements}
          </button>
          <button type="button" onClick={openDashboard} data-testid="open-dashboard">
            {t.openDashboard}
          </button>
          <button type="button" onClick={() => setLang(lang === 'en' ? 'zh-CN' : 'en')} lang={lang === 'en' ? 'zh-CN' : 'en'}>
            {t.language}
          </button>
        </nav>
      </header>
      {granted === false && view?.room && (
        <button type="button" className="grant" onClick={() => void requestScreenshotGrant().then(setGranted)}>
          {t.allowScreenshots}
        </button>
      )}
      <RoomPanel
        t={t}
        loading={state === null && error === undefined && tabId !== undefined}
        {...(error !== undefined ? { error } : {})}
        room={view?.room ?? null}
        product={view?.product ?? null}
        eventCount={view?.eventCount ?? 0}
        findingCount={view?.findingCount ?? 0}
        snapshotCount={view?.snapshotCount ?? 0}
        counts={view?.counts ?? []}
        groups={view?.groups ?? []}
        paused={view?.paused ?? false}
        warnings={view?.warnings ?? []}
        {...(notice ? { notice } : {})}
        onCapture={() => void capture()}
        onTogglePause={() => void togglePause()}
        capturing={capturing}
      />
    </main>
  );
}
