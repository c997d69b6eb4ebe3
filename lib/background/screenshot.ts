/**
 * Screenshots of a room's tab with tabs.captureVisibleTab, only when that tab
 * is the visible one in its window: otherwise the picture would show another
 * page. Never throws: a failed screenshot is a note on the snapshot.
 */
import type { ScreenshotAttempt } from './capture';

export interface TabsLike {
  get(tabId: number): Promise<{ active?: boolean; windowId?: number; discarded?: boolean }>;
  captureVisibleTab(windowId: number, options: { format: 'png' }): Promise<string>;
}

export async function screenshotTab(tabs: TabsLike, tabId: number): Promise<ScreenshotAttempt> {
  try {
    const tab = await tabs.get(tabId);
    if (!tab.active || tab.windowId === undefined) return { ok: false, note: 'tab not visible: no screenshot' };
    const url = await tabs.captureVisibleTab(tab.windowId, { format: 'png' });
    return { ok: true, shot: { data: dataUrlToBytes(url), mime: 'image/png' } };
  } catch (e) {
    return { ok: false, note: `screenshot failed: ${e instanceof Error ? e.message : String(e)}`.slice(0, 300) };
  }
}

export function dataUrlToBytes(dataUrl: string): ArrayBuffer {
  const comma = dataUrl.indexOf(',');
  const bin = atob(dataUrl.slice(comma + 1));
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out.buffer;
}
