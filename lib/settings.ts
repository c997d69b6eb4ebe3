/**
 * User settings, in extension storage (browser.storage.local through WXT's
 * storage helper). Defaults are what a new user gets.
 */
import { storage } from 'wxt/utils/storage';
import type { CustomTerm } from './analyze/custom';
import type { SeverityName } from './severity';

export interface Settings {
  /** Automatic snapshots for findings at or above this severity. */
  autoCaptureThreshold: SeverityName | 'off';
  /** Raw events that produced no finding are deleted after this many days (0 = keep). */
  retentionDays: number;
  language: 'zh-CN' | 'en';
  /** Read burned-in text and QR codes from the video (OCR, Chrome only; lib/ocr). Off by default: it costs CPU and memory. */
  ocr: boolean;
  /** Lexicon categories the user switched off: their findings are not recorded. */
  disabledCategories: string[];
  /** The user's own terms, flagged beyond the lexicon (lib/analyze/custom.ts). */
  customTerms: CustomTerm[];
}

export const DEFAULT_SETTINGS: Settings = { autoCaptureThreshold: 'high', retentionDays: 30, language: 'zh-CN', ocr: false, disabledCategories: [], customTerms: [] };

export const settingsItem = storage.defineItem<Settings>('local:settings', { fallback: DEFAULT_SETTINGS, version: 1 });

export async function getSettings(): Promise<Settings> {
  return { ...DEFAULT_SETTINGS, ...(await settingsItem.getValue()) };
}
