/**
 * Enabling LiveProof on a site that is not a listed platform (lib/sites.ts): which pages qualify, what gets
 * registered, that nothing happens without the site's permission, and that a revoked site is cleaned up.
 * The browser's scripting/permissions API is played by a small in-memory stand-in that keeps the rules
 * Chrome enforces (ids unique, registering a duplicate id fails).
 */
import { describe, expect, it } from 'vitest';
import { dropRevokedSites, enableSite, enabledSites, siteAccess, SiteError, type SiteApi } from '../../lib/sites';

function fakeBrowser(granted: string[] = []) {
  const registered = new Map<string, { matches: string[]; js: string[] }>();
  const injectedTabs = new Map<number, string[]>();
  const perms = new Set(granted);
  const api: SiteApi = {
    hasPermission: async (p) => perms.has(p) || perms.has('<all_urls>'),
    registeredIds: async () => [...registered.keys()],
    register: async (scripts) => {
      for (const s of scripts) if (registered.has(s.id)) throw new Error(`Duplicate script ID '${s.id}'`);
      for (const s of scripts) registered.set(s.id, { matches: s.matches, js: s.js });
    },
    unregister: async (ids) => {
      for (const id of ids) registered.delete(id);
    },
    isInjected: async (tabId) => injectedTabs.has(tabId),
    inject: async (tabId, files) => void injectedTabs.set(tabId, files),
  };
  return { api, registered, injectedTabs, perms };
}

describe('siteAccess', () => {
  it('listed platforms and the demo room need nothing; other web sites can be enabled; browser pages cannot', () => {
    expect(siteAccess('https://live.douyin.com/123456')).toEqual({ kind: 'builtin' });
    expect(siteAccess('http://127.0.0.1:8080/room.html')).toEqual({ kind: 'builtin' });
    expect(siteAccess('https://mobile.yangkeduo.com/live?id=9')).toEqual({
      kind: 'enable',
      origin: 'https://mobile.yangkeduo.com',
      pattern: 'https://mobile.yangkeduo.com/*',
    });
    // a port does not narrow a match pattern; http stays http
    expect(siteAccess('http://shop.example.test:8443/x')).toMatchObject({ pattern: 'http://shop.example.test/*' });
    // a listed host over plain http is not what the declared scripts match
    expect(siteAccess('http://live.douyin.com/1').kind).toBe('enable');
    for (const u of ['chrome://extensions', 'file:///tmp/a.html', 'chrome-extension://abc/popup.html', 'https://chromewebstore.google.com/detail/x', 'about:blank', 'not a url', undefined]) {
      expect(siteAccess(u).kind, String(u)).toBe('unsupported');
    }
  });
});

describe('enableSite', () => {
  const url = 'https://shop.example.test/live/42';

  it('refuses without the site permission and changes nothing', async () => {
    const b = fakeBrowser();
    await expect(enableSite(b.api, 7, url)).rejects.toThrow(SiteError);
    await expect(enableSite(b.api, 7, url)).rejects.toMatchObject({ code: 'no_permission' });
    expect(b.registered.size).toBe(0);
    expect(b.injectedTabs.size).toBe(0);
  });

  it('registers the reader and the frame grabber for the site and injects them into the open tab, once', async () => {
    const b = fakeBrowser(['https://shop.example.test/*']);
    expect(await enableSite(b.api, 7, url)).toEqual({ pattern: 'https://shop.example.test/*', injected: true });
    expect([...b.registered.values()].map((s) => s.matches)).toEqual([['https://shop.example.test/*'], ['https://shop.example.test/*']]);
    expect([...b.registered.values()].flatMap((s) => s.js).sort()).toEqual(['content-scripts/frames.js', 'content-scripts/live.js']);
    expect(b.injectedTabs.get(7)).toEqual(['content-scripts/live.js', 'content-scripts/frames.js']);
    // again (the user starts the picker a second time): no duplicate registration, no second copy in the tab
    expect(await enableSite(b.api, 7, url)).toEqual({ pattern: 'https://shop.example.test/*', injected: false });
    expect(b.registered.size).toBe(2);
    expect(enabledSites([...b.registered.keys()])).toEqual(['https://shop.example.test/*']);
  });

  it('does nothing on listed platforms and refuses browser pages', async () => {
    const b = fakeBrowser(['<all_urls>']);
    expect(await enableSite(b.api, 1, 'https://live.douyin.com/1')).toEqual({ pattern: '', injected: false });
    await expect(enableSite(b.api, 1, 'chrome://settings')).rejects.toMatchObject({ code: 'unsupported' });
    expect(b.registered.size).toBe(0);
  });

  it('a site whose permission was removed loses its scripts; others keep theirs', async () => {
    const b = fakeBrowser(['https://a.example.test/*', 'https://b.example.test/*']);
    await enableSite(b.api, 1, 'https://a.example.test/');
    await enableSite(b.api, 2, 'https://b.example.test/');
    b.perms.delete('https://a.example.test/*');
    expect(await dropRevokedSites(b.api)).toEqual(['https://a.example.test/*']);
    expect(enabledSites([...b.registered.keys()])).toEqual(['https://b.example.test/*']);
    expect(b.registered.size).toBe(2);
  });
});
