/**
 * Sites the user enables: LiveProof's content scripts are declared only for the listed platforms and the
 * loopback demo room. On any other site the user starts the picker from the popup; the popup asks for
 * that site's host permission at that moment (a user gesture), and the background registers the
 * content scripts for the site and injects them into the open tab. Removing the permission (the
 * dashboard's list, or the browser's own extension settings) unregisters them.
 *
 * Pure logic over a small slice of the browser API (passed in), so it runs in Node tests.
 */
import { PLATFORM_HOSTS } from './platforms/hosts';

/** How the picker can reach a tab's page. */
export type SiteAccess =
  /** Content scripts are declared for it (a listed platform or the demo room). */
  | { kind: 'builtin' }
  /** An ordinary web site: the user can enable it (host permission + registered content scripts). */
  | { kind: 'enable'; origin: string; pattern: string }
  /** Browser pages, the extension store, files, other extensions: no content script may run there. */
  | { kind: 'unsupported' };

const LOOPBACK = new Set(['127.0.0.1', 'localhost']);
/** Hosts where browsers forbid extension scripts. */
const FORBIDDEN_HOSTS = new Set(['chrome.google.com', 'chromewebstore.google.com', 'addons.mozilla.org', 'microsoftedge.microsoft.com']);

export function siteAccess(url: string | undefined): SiteAccess {
  if (!url) return { kind: 'unsupported' };
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return { kind: 'unsupported' };
  }
  if (u.protocol !== 'https:' && u.protocol !== 'http:') return { kind: 'unsupported' };
  const host = u.hostname;
  if (!host || FORBIDDEN_HOSTS.has(host)) return { kind: 'unsupported' };
  if (LOOPBACK.has(host) || (u.protocol === 'https:' && PLATFORM_HOSTS.includes(host))) return { kind: 'builtin' };
  // match patterns ignore the port: the permission covers the host on this scheme
  return { kind: 'enable', origin: `${u.protocol}//${host}`, pattern: `${u.protocol}//${host}/*` };
}

/** The registered-script id for a site pattern (ids must not start with "_"). */
export const siteScriptId = (pattern: string): string => `liveproof-site:${pattern}`;
const SITE_ID_PREFIX = 'liveproof-site:';

/** What enabling needs from the browser (browser.scripting / browser.permissions, narrowed). */
export interface SiteApi {
  hasPermission(pattern: string): Promise<boolean>;
  registeredIds(): Promise<string[]>;
  register(script: { id: string; matches: string[]; js: string[]; runAt: 'document_start' | 'document_end' | 'document_idle' }[]): Promise<void>;
  unregister(ids: string[]): Promise<void>;
  /** Is LiveProof's reader already running in the tab's top frame? */
  isInjected(tabId: number): Promise<boolean>;
  inject(tabId: number, files: string[]): Promise<void>;
}

/** The content scripts a site gets: the room reader (with the picker) and the OCR frame grabber. */
export const SITE_SCRIPTS = [
  { suffix: '', js: ['content-scripts/live.js'], runAt: 'document_end' as const },
  { suffix: '#frames', js: ['content-scripts/frames.js'], runAt: 'document_idle' as const },
];

export class SiteError extends Error {
  override name = 'SiteError';
  constructor(
    readonly code: 'unsupported' | 'no_permission',
    message: string,
  ) {
    super(message);
  }
}

/**
 * Make LiveProof run on the tab's site: register its content scripts for the site (once) and inject them
 * into the open tab (unless already there). The host permission must have been granted by the user.
 */
export async function enableSite(api: SiteApi, tabId: number, url: string | undefined): Promise<{ pattern: string; injected: boolean }> {
  const access = siteAccess(url);
  if (access.kind === 'unsupported') throw new SiteError('unsupported', 'LiveProof cannot run on this page');
  if (access.kind === 'builtin') return { pattern: '', injected: false };
  if (!(await api.hasPermission(access.pattern))) {
    throw new SiteError('no_permission', `no permission for ${access.pattern}: allow LiveProof on this site first`);
  }
  const have = new Set(await api.registeredIds());
  const missing = SITE_SCRIPTS.filter((s) => !have.has(siteScriptId(access.pattern) + s.suffix));
  if (missing.length) {
    await api.register(missing.map((s) => ({ id: siteScriptId(access.pattern) + s.suffix, matches: [access.pattern], js: s.js, runAt: s.runAt })));
  }
  if (await api.isInjected(tabId)) return { pattern: access.pattern, injected: false };
  await api.inject(tabId, SITE_SCRIPTS.flatMap((s) => s.js));
  return { pattern: access.pattern, injected: true };
}

/** The site patterns that have registered scripts. */
export function enabledSites(ids: readonly string[]): string[] {
  return [...new Set(ids.filter((id) => id.startsWith(SITE_ID_PREFIX)).map((id) => id.slice(SITE_ID_PREFIX.length).replace(/#frames$/, '')))].sort();
}

/**
 * Unregister the scripts of sites whose permission is gone (removed in the dashboard or the browser's
 * settings). Returns the patterns dropped.
 */
export async function dropRevokedSites(api: SiteApi): Promise<string[]> {
  const ids = await api.registeredIds();
  const dropped: string[] = [];
  for (const pattern of enabledSites(ids)) {
    if (await api.hasPermission(pattern)) continue;
    dropped.push(pattern);
  }
  const gone = ids.filter((id) => dropped.some((p) => id === siteScriptId(p) || id === `${siteScriptId(p)}#frames`));
  if (gone.length) await api.unregister(gone);
  return dropped;
}
