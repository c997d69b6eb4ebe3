/**
 * The browser side of enabling a site (lib/sites.ts): scripting and permissions calls, and the
 * clean-up when a site's permission is removed. Used by the background only.
 */
import { browser } from 'wxt/browser';
import type { ScriptPublicPath } from 'wxt/utils/inject-script';
import { LIVE_MARKER } from '../content/marker';
import { dropRevokedSites, enabledSites, siteScriptId, type SiteApi } from '../sites';


export function browserSiteApi(): SiteApi {
  const scripting = browser.scripting;
  if (!scripting?.registerContentScripts) {
    // Firefox < 102 / missing permission: say so instead of failing obscurely
    const missing = async (): Promise<never> => {
      throw new Error('this browser cannot add LiveProof to other sites (scripting API missing)');
    };
    return { hasPermission: missing, registeredIds: async () => [], register: missing, unregister: missing, isInjected: missing, inject: missing };
  }
  return {
    hasPermission: (pattern) => browser.permissions.contains({ origins: [pattern] }),
    registeredIds: async () => (await scripting.getRegisteredContentScripts()).map((s) => s.id),
    register: async (scripts) => {
      await scripting.registerContentScripts(scripts.map((s) => ({ ...s, persistAcrossSessions: true, allFrames: false })));
    },
    unregister: async (ids) => {
      await scripting.unregisterContentScripts({ ids });
    },
    isInjected: async (tabId) => {
      const [r] = await scripting.executeScript({
        target: { tabId },
        func: (marker: string) => (globalThis as unknown as Record<string, unknown>)[marker] === true,
        args: [LIVE_MARKER],
      });
      return r?.result === true;
    },
    inject: async (tabId, files) => {
      await scripting.executeScript({ target: { tabId }, files: files as ScriptPublicPath[] });
    },
  };
}

/** Sites with registered scripts, and the removal of one (scripts first, then the permission). */
export async function listEnabledSites(api: SiteApi): Promise<string[]> {
  return enabledSites(await api.registeredIds());
}

export async function disableSite(api: SiteApi, pattern: string): Promise<void> {
  const ids = (await api.registeredIds()).filter((id) => id === siteScriptId(pattern) || id === `${siteScriptId(pattern)}#frames`);
  if (ids.length) await api.unregister(ids);
  // the permission may be part of a wider grant (<all_urls> for screenshots): removing it then fails, which is fine
  await browser.permissions.remove({ origins: [pattern] }).catch(() => false);
}

/** Keep registrations in step with the permissions the user holds. */
export function watchSitePermissions(api: SiteApi): void {
  browser.permissions.onRemoved.addListener(() => void dropRevokedSites(api).catch(() => undefined));
}
