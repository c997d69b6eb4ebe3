import { useEffect, useState } from 'react';
import { RoomPanel } from '../../components/RoomPanel';
import type { Client } from '../../lib/client';
import { messages, type Lang } from '../../lib/i18n';
import { toPopupView, type PopupView } from '../../lib/popup-view';
import type { TabState } from '../../lib/evidence/store';

const REFRESH_MS = 1000;

export function App({ client, tabId }: { client: Client; tabId: number | undefined }) {
  const [lang, setLang] = useState<Lang>(() => (localStorage.getItem('liveproof.lang') === 'en' ? 'en' : 'zh-CN'));
  const [state, setState] = useState<TabState | null>(null);
  const [error, setError] = useState<string | undefined>();

  useEffect(() => {
    if (tabId === undefined) return;
    let alive = true;
    const load = () =>
      client.getTabState(tabId).then(
        (s) => alive && (setState(s), setError(undefined)),
        (e: unknown) => alive && setError(e instanceof Error ? e.message : String(e)),
      );
    void load();
    const timer = setInterval(load, REFRESH_MS);
    return () => {
      alive = false;
      clearInterval(timer);
    };
  }, [client, tabId]);

  useEffect(() => {
    document.documentElement.lang = lang;
    localStorage.setItem('liveproof.lang', lang);
  }, [lang]);

  const t = messages(lang);
  const view: PopupView | null = state ? toPopupView(state, lang) : null;
  return (
    <main>
      <header>
        <h1>{t.appName}</h1>
        <button type="button" onClick={() => setLang(lang === 'en' ? 'zh-CN' : 'en')} aria-label={t.language}>
          {t.language}
        </button>
      </header>
      <RoomPanel
        t={t}
        loading={state === null && error === undefined && tabId !== undefined}
        {...(error !== undefined ? { error } : {})}
        room={view?.room ?? null}
        product={view?.product ?? null}
        eventCount={view?.eventCount ?? 0}
        findingCount={view?.findingCount ?? 0}
        findings={view?.findings ?? []}
      />
    </main>
  );
}
