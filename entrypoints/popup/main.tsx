import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { browser } from 'wxt/browser';
import { createClient } from '../../lib/client';
import type { Lang } from '../../lib/i18n';
import { App } from './App';

/** The popup shows the active tab; `?tabId=N` selects another (dashboard links, tests). */
async function currentTabId(): Promise<number | undefined> {
  const param = new URLSearchParams(location.search).get('tabId');
  if (param !== null && /^\d+$/.test(param)) return Number(param);
  const [tab] = await browser.tabs.query({ active: true, currentWindow: true });
  return tab?.id;
}

const ALL = { origins: ['<all_urls>'] };
const client = createClient((m) => browser.runtime.sendMessage(m));
const root = createRoot(document.getElementById('root')!);
void currentTabId().then((tabId) => {
  root.render(
    <StrictMode>
      <App
        client={client}
        tabId={tabId}
        initialLang={localStorage.getItem('liveproof.lang') === 'en' ? 'en' : 'zh-CN'}
        saveLang={(l: Lang) => localStorage.setItem('liveproof.lang', l)}
        hasScreenshotGrant={() => browser.permissions.contains(ALL)}
        requestScreenshotGrant={() => browser.permissions.request(ALL)}
        openDashboard={() => void browser.tabs.create({ url: browser.runtime.getURL('/dashboard.html') })}
        startPicker={async () => {
          if (tabId === undefined) throw new Error('no tab');
          await browser.tabs.sendMessage(tabId, { type: 'liveproof:startPicker' });
        }}
      />
    </StrictMode>,
  );
});
