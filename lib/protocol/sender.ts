/**
 * Who sent a runtime message. Decided from the sender the browser reports,
 * never from the message content (the approach uBlock Origin and Privacy
 * Badger take): extension pages have our origin and no tab frame of a web
 * page; content scripts run in a tab.
 */
export interface SenderLike {
  id?: string;
  url?: string;
  origin?: string;
  tab?: { id?: number; url?: string; title?: string };
  frameId?: number;
}

export type SenderKind = 'content' | 'page';

export function classifySender(sender: SenderLike, extensionId: string, extensionOrigin: string): SenderKind | null {
  if (sender.id !== extensionId) return null;
  const origin = sender.origin ?? (sender.url ? safeOrigin(sender.url) : undefined);
  if (origin === extensionOrigin.replace(/\/$/, '')) return 'page';
  if (sender.tab?.id !== undefined && sender.tab.id >= 0) return 'content';
  return null;
}

function safeOrigin(url: string): string | undefined {
  try {
    return new URL(url).origin;
  } catch {
    return undefined;
  }
}
