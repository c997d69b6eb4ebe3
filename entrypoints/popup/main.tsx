import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { browser } from 'wxt/browser';
import { createClient } from '../../lib/client';
import { siteAccess } from '../../lib/sites';
import type { Lang } from '../../lib/i18n';
import { App } from './App';

/** The popup shows the active tab; `?tabId=N` selects another (dashboard links, tests). */
async function currentTab(): Promise<{ id?: number; url?: string }> {
  const param = new URLSearchParams(location.search).get('tabId');
  if (param !== null && /^\d+$/.test(param)) return browser.tabs.get(Number(param)).catch(() => ({ id: Number(param) }));
  const [tab] = await browser.tabs.query({ active: true, currentWindow: true });
  return tab ?? {};
}

const ALL = { origins: ['<all_urls>'] };
const client = createClient((m) => browser.runtime.sendMessage(m));
const root = createRoot(document.getElementById('root')!);
void currentTab().then(({ id: tabId, url }) => {
  const access = siteAccess(url);
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
        pickerSite={access.kind}
        startPicker={async () => {
          if (tabId === undefined || access.kind === 'unsupported') throw new Error('no page to pick on');
          if (access.kind === 'enable') {
            // first call after the click, so the browser sees the user's gesture and may ask
            if (!(await browser.permissions.request({ origins: [access.pattern] }))) return 'denied';
            await client.enableSite(tabId);
          }
          await browser.tabs.sendMessage(tabId, { type: 'liveproof:startPicker' });
          return 'started';
        }}
      />
    </StrictMode>,
  );
});
