import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { browser } from 'wxt/browser';
import compiledJson from '../../lexicons/compiled/lexicon.json';
import { customAnalyzerCache, validateCustomTerm } from '../../lib/analyze/custom';
import { createAnalyzer } from '../../lib/analyze/index';
import { categoryName } from '../../lib/categories';
import { createClient } from '../../lib/client';
import { exportSelection, importBundleFile } from '../../lib/dashboard/bundle-actions';
import { verifyChain } from '../../lib/evidence/chain';
import { openEvidenceDb } from '../../lib/evidence/store';
import { loadCompiledLexicon } from '../../lib/lexicon/compiled';
import { getSettings, settingsItem } from '../../lib/settings';
import { App } from './App';

const client = createClient((m) => browser.runtime.sendMessage(m));

const db = openEvidenceDb();
const lexicon = loadCompiledLexicon(compiledJson);
const analyzer = createAnalyzer(lexicon);
// the preview runs on every keystroke: the own-terms matcher is rebuilt only when the list changes
const customAnalyzerFor = customAnalyzerCache(lexicon.fold);
const ruleCounts = new Map<string, number>();
for (const r of lexicon.rules) ruleCounts.set(r.category, (ruleCounts.get(r.category) ?? 0) + 1);

function download(bytes: Uint8Array, fileName: string): void {
  const url = URL.createObjectURL(new Blob([bytes as Uint8Array<ArrayBuffer>], { type: 'application/zip' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App
      db={db}
      getSettings={getSettings}
      saveSettings={(s) => settingsItem.setValue(s)}
      categories={[...ruleCounts.entries()].map(([id, rules]) => ({ id, rules }))}
      previewText={(text, lang, customTerms) =>
        [...analyzer.analyze(text, { channel: 'caption' }), ...customAnalyzerFor(customTerms)(text, 'caption')]
          .filter((f) => f.status !== 'exempt_candidate')
          .map((f) => `「${f.match}」${categoryName(f.category, lang)} · ${lang === 'en' ? f.explanation.en : f.explanation.zh}`)
      }
      validateTerm={(input, existing) => validateCustomTerm(input, existing, lexicon.fold, [...ruleCounts.keys()])}
      exportBundle={(sel) => exportSelection(db, sel)}
      importBundle={(file) => importBundleFile(db, file)}
      download={download}
      verifyChain={() => verifyChain(db)}
      listSites={() => client.listSites()}
      removeSite={(p) => client.disableSite(p)}
      setOcr={async (on) => {
        const r = (await browser.runtime.sendMessage({ type: 'setOcr', on })) as { ok?: boolean; error?: string } | undefined;
        return r && r.ok === false ? r.error : undefined;
      }}
    />
  </StrictMode>,
);
