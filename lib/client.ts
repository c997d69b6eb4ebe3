/**
 * What extension pages ask the background, over runtime messaging. Components
 * never call this; entry points pass its results to them as props.
 */
import type { CaptureNowReply, ErrorReply, PageMessage, SitesReply } from './protocol/types';
import type { VerifyResult } from './evidence/chain';
import type { TabState } from './evidence/store';

export type SendMessage = (message: PageMessage) => Promise<unknown>;

export interface Client {
  getTabState(tabId: number): Promise<TabState>;
  captureNow(tabId: number): Promise<CaptureNowReply>;
  setPaused(tabId: number, paused: boolean): Promise<TabState>;
  verifyChain(): Promise<VerifyResult>;
  /** Run LiveProof on the tab's site (after the popup obtained the site's permission). */
  enableSite(tabId: number): Promise<SitesReply>;
  listSites(): Promise<string[]>;
  disableSite(pattern: string): Promise<string[]>;
}

export function createClient(send: SendMessage): Client {
  async function ask<T>(m: PageMessage): Promise<T> {
    const reply = (await send(m)) as T | ErrorReply | undefined;
    if (!reply) throw new Error('no reply from the background');
    if (typeof reply === 'object' && 'ok' in reply && reply.ok === false && 'error' in reply) throw new Error(reply.error);
    return reply as T;
  }
  return {
    getTabState: (tabId) => ask<TabState>({ type: 'tabState', tabId }),
    captureNow: (tabId) => ask<CaptureNowReply>({ type: 'captureNow', tabId }),
    setPaused: (tabId, paused) => ask<TabState>({ type: 'setPaused', tabId, paused }),
    verifyChain: () => ask<VerifyResult>({ type: 'verifyChain' }),
    enableSite: (tabId) => ask<SitesReply>({ type: 'enableSite', tabId }),
    listSites: async () => (await ask<SitesReply>({ type: 'listSites' })).sites,
    disableSite: async (pattern) => (await ask<SitesReply>({ type: 'disableSite', pattern })).sites,
  };
}
