/**
 * Automatic and manual snapshots in the background. Findings at or above the
 * user's threshold are coalesced per tab; screenshots are taken no more often
 * than the browser allows (captureVisibleTab: 2 calls per second), and only
 * when the room's tab is the visible one in its window, so a screenshot never
 * shows some other page.
 */
import type { FindingRow, LiveProofDb, SnapshotContent } from '../evidence/db';
import { takeSnapshot, type ScreenshotInput, type SnapshotResult } from '../evidence/snapshot';
import { SEVERITY_ORDER, type SeverityName } from '../severity';

export type ScreenshotAttempt = { ok: true; shot: ScreenshotInput } | { ok: false; note: string };

export interface CaptureEnv {
  db: LiveProofDb;
  /** Takes a screenshot of the tab if it is visible; never throws. */
  screenshot(tabId: number): Promise<ScreenshotAttempt>;
  versions(): SnapshotContent['versions'];
  threshold(): Promise<SeverityName | 'off'>;
  onSnapshot?(tabId: number, result: SnapshotResult): void;
  onError?(tabId: number, error: unknown): void;
  /** Minimum time between two screenshots, all tabs together. */
  minIntervalMs?: number;
  now?: () => number;
  setTimeout?: (fn: () => void, ms: number) => unknown;
}

interface Pending {
  sessionKey: string;
  findings: FindingRow[];
}

export function createCapturer(env: CaptureEnv) {
  const minInterval = env.minIntervalMs ?? 600;
  const now = env.now ?? Date.now;
  const later = env.setTimeout ?? ((fn: () => void, ms: number) => setTimeout(fn, ms));
  const pending = new Map<number, Pending>();
  let lastShot = -Infinity;
  let running: Promise<void> = Promise.resolve();
  let scheduled = false;

  /** Runs one snapshot at a time, spaced by minInterval. */
  function schedule(): void {
    if (scheduled) return;
    scheduled = true;
    const wait = Math.max(0, lastShot + minInterval - now());
    later(() => {
      scheduled = false;
      running = running.then(drainOne);
    }, wait);
  }

  async function drainOne(): Promise<void> {
    const first = pending.entries().next();
    if (first.done) return;
    const [tabId, p] = first.value;
    pending.delete(tabId);
    lastShot = now();
    try {
      await snapshot(tabId, p.sessionKey, p.findings, 'auto');
    } catch (e) {
      env.onError?.(tabId, e);
    }
    if (pending.size > 0) schedule();
  }

  async function snapshot(tabId: number, sessionKey: string, findings: FindingRow[], trigger: 'auto' | 'manual'): Promise<SnapshotResult> {
    const attempt = await env.screenshot(tabId);
    const result = await takeSnapshot(env.db, {
      sessionKey,
      tabId,
      trigger,
      findings,
      screenshot: attempt.ok ? attempt.shot : null,
      ...(attempt.ok ? {} : { screenshotNote: attempt.note }),
      versions: env.versions(),
    });
    env.onSnapshot?.(tabId, result);
    return result;
  }

  return {
    /** New findings from an ingested batch: snapshot those at or above the threshold. */
    async onFindings(tabId: number, findings: FindingRow[]): Promise<void> {
      const threshold = await env.threshold();
      if (threshold === 'off') return;
      const serious = findings.filter(
        (f) => f.status !== 'exempt_candidate' && SEVERITY_ORDER[f.severity as SeverityName] >= SEVERITY_ORDER[threshold],
      );
      if (serious.length === 0) return;
      const sessionKey = serious[0]!.sessionKey;
      const p = pending.get(tabId);
      if (p && p.sessionKey === sessionKey) p.findings.push(...serious);
      else pending.set(tabId, { sessionKey, findings: serious });
      schedule();
    },
    /** "Capture now": a manual snapshot of the tab's current session. */
    async captureNow(tabId: number, sessionKey: string, findings: FindingRow[]): Promise<SnapshotResult> {
      const wait = Math.max(0, lastShot + minInterval - now());
      if (wait > 0) await new Promise((r) => later(() => r(undefined), wait));
      lastShot = now();
      const result = running.then(() => snapshot(tabId, sessionKey, findings, 'manual'));
      running = result.then(
        () => undefined,
        () => undefined,
      );
      return result;
    },
    /** Resolves when queued automatic snapshots are done (tests, shutdown). */
    idle(): Promise<void> {
      return running;
    },
  };
}
