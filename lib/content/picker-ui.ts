/**
 * The element picker's on-page UI: hover highlights the element under the
 * pointer and previews the text that would be read; a click binds it to the
 * chosen field (product card, caption band, title, comment row). The toolbar
 * lives in a closed shadow root, so the page can neither read nor restyle it,
 * and only trusted (user) events count, so the page cannot pick for the user.
 * Text is shown with textContent only.
 */
import { cleanText } from '../platforms/dom-spec';
import { candidates, previewText, rowCandidates, type Binding, type PickField } from '../platforms/picker';

export const START_PICKER = 'liveproof:startPicker';

const LABELS: Record<PickField, string> = { product: '商品卡', caption: '字幕', title: '标题', comment: '评论' };

export interface PickerSession {
  /** Resolves with the binding on 保存, null on 取消 / Escape. */
  done: Promise<Binding | null>;
  cancel(): void;
}

export function startPicker(doc: Document, origin: string, initial: Binding | null, now: () => number = Date.now): PickerSession {
  const win = doc.defaultView!;
  const fields: Binding['fields'] = { ...(initial?.fields ?? {}) };
  let field: PickField = 'product';
  let finish: (b: Binding | null) => void = () => undefined;
  const done = new Promise<Binding | null>((ok) => (finish = ok));

  const host = doc.createElement('liveproof-picker');
  host.setAttribute('style', 'all: initial; position: fixed; inset: 0; z-index: 2147483647; pointer-events: none;');
  const root = host.attachShadow({ mode: 'closed' });
  const style = doc.createElement('style');
  style.textContent = `
    .box { position: fixed; border: 2px solid #c62828; background: rgba(198,40,40,.12); pointer-events: none; display: none; }
    .bar { position: fixed; top: 8px; right: 8px; width: 320px; pointer-events: auto; background: #fff; color: #222;
           font: 13px/1.5 system-ui, "PingFang SC", "Microsoft YaHei", sans-serif; border: 1px solid #999; border-radius: 6px;
           padding: 8px; box-shadow: 0 2px 8px rgba(0,0,0,.25); }
    .bar button { margin: 2px; font: inherit; }
    .bar button[aria-pressed="true"] { background: #c62828; color: #fff; }
    .preview { margin-top: 6px; max-height: 6em; overflow: hidden; white-space: pre-wrap; color: #555; }`;
  const box = doc.createElement('div');
  box.className = 'box';
  const bar = doc.createElement('div');
  bar.className = 'bar';
  bar.setAttribute('role', 'dialog');
  bar.setAttribute('aria-label', 'LiveProof 选择元素');
  const hint = doc.createElement('div');
  hint.textContent = '点选页面上的元素，绑定到（键 1–4 选择；↑ 扩大到上一层，↓ 退回；Enter 保存；Esc 取消）：';
  const fieldButtons = (Object.keys(LABELS) as PickField[]).map((f) => {
    const b = doc.createElement('button');
    b.type = 'button';
    b.dataset.field = f;
    b.textContent = LABELS[f];
    b.addEventListener('click', () => {
      field = f;
      render();
    });
    return b;
  });
  const preview = doc.createElement('div');
  preview.className = 'preview';
  preview.setAttribute('aria-live', 'polite');
  const save = doc.createElement('button');
  save.type = 'button';
  save.dataset.action = 'save';
  save.textContent = '保存';
  const cancelBtn = doc.createElement('button');
  cancelBtn.type = 'button';
  cancelBtn.dataset.action = 'cancel';
  cancelBtn.textContent = '取消';
  bar.append(hint, ...fieldButtons, preview, save, cancelBtn);
  root.append(style, box, bar);
  doc.documentElement.appendChild(host);

  const render = (hover?: Element) => {
    for (const b of fieldButtons) b.setAttribute('aria-pressed', String(b.dataset.field === field));
    const bound = fields[field];
    const lines = [`${LABELS[field]}：${bound ? previewText(doc, bound) || '（绑定的元素现在不在页面上）' : '未绑定'}`];
    if (hover) lines.push(`将读取：${cleanText(hover.textContent, 120)}`);
    preview.textContent = lines.join('\n');
  };

  const ours = (e: Event) => e.composedPath().includes(host);
  const target = (e: MouseEvent): Element | null => {
    const el = doc.elementFromPoint(e.clientX, e.clientY);
    return el && el !== host ? el : null;
  };
  const onMove = (e: MouseEvent) => {
    if (!e.isTrusted || ours(e)) return;
    const el = target(e);
    if (!el) return;
    const r = el.getBoundingClientRect();
    box.setAttribute('style', `display:block;left:${r.left}px;top:${r.top}px;width:${r.width}px;height:${r.height}px`);
    render(el);
  };
  /** The picked element and the path back down after widening with ↑. */
  let picked: Element | null = null;
  const narrower: Element[] = [];
  const bind = (el: Element) => {
    picked = el;
    const list = field === 'comment' ? rowCandidates(el) : candidates(el);
    if (list.length) fields[field] = list;
    const r = el.getBoundingClientRect();
    box.setAttribute('style', `display:block;left:${r.left}px;top:${r.top}px;width:${r.width}px;height:${r.height}px`);
    render(el);
  };
  const onClick = (e: MouseEvent) => {
    if (ours(e)) return;
    // While picking, clicks belong to the picker, never to the page.
    e.preventDefault();
    e.stopPropagation();
    if (!e.isTrusted) return;
    const el = target(e);
    if (!el) return;
    narrower.length = 0;
    bind(el);
  };
  const onKey = (e: KeyboardEvent) => {
    if (!e.isTrusted) return;
    const keys: Record<string, PickField> = { '1': 'product', '2': 'caption', '3': 'title', '4': 'comment' };
    let handled = true;
    if (e.key === 'Escape') end(null);
    else if (e.key === 'Enter') end({ origin, fields, savedAt: now() });
    else if (keys[e.key]) {
      field = keys[e.key]!;
      picked = null;
      render();
    } else if (e.key === 'ArrowUp' && picked?.parentElement && picked.parentElement !== doc.body) {
      narrower.push(picked);
      bind(picked.parentElement);
    } else if (e.key === 'ArrowDown' && narrower.length) bind(narrower.pop()!);
    else handled = false;
    if (handled) {
      e.preventDefault();
      e.stopPropagation();
    }
  };
  win.addEventListener('mousemove', onMove, true);
  win.addEventListener('click', onClick, true);
  win.addEventListener('keydown', onKey, true);

  const end = (b: Binding | null) => {
    win.removeEventListener('mousemove', onMove, true);
    win.removeEventListener('click', onClick, true);
    win.removeEventListener('keydown', onKey, true);
    host.remove();
    finish(b);
  };
  save.addEventListener('click', () => end({ origin, fields, savedAt: now() }));
  cancelBtn.addEventListener('click', () => end(null));
  render();
  return { done, cancel: () => end(null) };
}
