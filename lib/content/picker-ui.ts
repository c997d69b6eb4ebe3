/**
 * The element picker's on-page UI: hover highlights the element under the
 * pointer and previews the text that would be read; a click binds it to the
 * chosen field (product card, caption band, title, comment row). The toolbar
 * lives in a closed shadow root, so the page can neither read nor restyle it,
 * and only trusted (user) events count, so the page cannot pick for the user.
 * Text is shown with textContent only. In the 画面区域 mode the user drags
 * rectangles over the room's video instead: regions the OCR reads (and, when
 * there are any, the only ones), kept as fractions of the picture so they
 * follow the video when the page is resized.
 */
import { MAX_PICKED_REGIONS, toFraction, type Rect } from '../ocr/frame';
import { findFrameSource, screenPicture } from '../ocr/grabber';
import { cleanText } from '../platforms/dom-spec';
import { candidates, previewText, rowCandidates, type Binding, type PickField } from '../platforms/picker';

export const START_PICKER = 'liveproof:startPicker';

type Mode = PickField | 'ocr';
const LABELS: Record<Mode, string> = { product: '商品卡', caption: '字幕', title: '标题', comment: '评论', ocr: '画面区域' };

export interface PickerSession {
  /** Resolves with the binding on 保存, null on 取消 / Escape. */
  done: Promise<Binding | null>;
  cancel(): void;
}

export function startPicker(doc: Document, origin: string, initial: Binding | null, now: () => number = Date.now): PickerSession {
  const win = doc.defaultView!;
  const fields: Binding['fields'] = { ...(initial?.fields ?? {}) };
  let regions: Rect[] = [...(initial?.ocrRegions ?? [])];
  let field: Mode = 'product';
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
    .preview { margin-top: 6px; max-height: 6em; overflow: hidden; white-space: pre-wrap; color: #555; }
    .region { position: fixed; border: 2px dashed #1565c0; background: rgba(21,101,192,.12); pointer-events: none; }`;
  const box = doc.createElement('div');
  box.className = 'box';
  const bar = doc.createElement('div');
  bar.className = 'bar';
  bar.setAttribute('role', 'dialog');
  bar.setAttribute('aria-label', 'LiveProof 选择元素');
  const hint = doc.createElement('div');
  hint.textContent = '点选页面上的元素，绑定到（键 1–5 选择；↑ 扩大到上一层，↓ 退回；Enter 保存；Esc 取消）：';
  const fieldButtons = (Object.keys(LABELS) as Mode[]).map((f) => {
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
  const clearRegions = doc.createElement('button');
  clearRegions.type = 'button';
  clearRegions.dataset.action = 'clear-regions';
  clearRegions.textContent = '清除区域';
  clearRegions.addEventListener('click', () => {
    regions = [];
    render();
  });
  bar.append(hint, ...fieldButtons, preview, clearRegions, save, cancelBtn);
  const regionLayer = doc.createElement('div');
  root.append(style, box, regionLayer, bar);
  doc.documentElement.appendChild(host);

  /** The picture regions are drawn over, on screen now (null: no video or canvas on the page). */
  const picture = (): Rect | null => {
    const src = findFrameSource(doc);
    return src ? screenPicture(src) : null;
  };
  let notice = '';
  const render = (hover?: Element) => {
    for (const b of fieldButtons) b.setAttribute('aria-pressed', String(b.dataset.field === field));
    clearRegions.hidden = field !== 'ocr';
    const pic = field === 'ocr' ? picture() : null;
    regionLayer.replaceChildren(
      ...(pic ? regions : []).map((f) => {
        const d = doc.createElement('div');
        d.className = 'region';
        d.setAttribute('style', `left:${pic!.x + f.x * pic!.w}px;top:${pic!.y + f.y * pic!.h}px;width:${f.w * pic!.w}px;height:${f.h * pic!.h}px`);
        return d;
      }),
    );
    if (field === 'ocr') {
      preview.textContent = [
        `画面区域：${regions.length ? `${regions.length} 个（画面文字识别只读这些区域）` : '未选（自动找文字带）'}`,
        pic ? `在视频画面上拖出要识别的区域（最多 ${MAX_PICKED_REGIONS} 个）。` : '页面上没有找到视频画面。',
        notice,
      ]
        .filter(Boolean)
        .join('\n');
      return;
    }
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
  /** Dragging out a picture region: where the drag started. */
  let dragFrom: { x: number; y: number } | null = null;
  const dragRect = (e: MouseEvent): Rect => ({
    x: Math.min(dragFrom!.x, e.clientX),
    y: Math.min(dragFrom!.y, e.clientY),
    w: Math.abs(e.clientX - dragFrom!.x),
    h: Math.abs(e.clientY - dragFrom!.y),
  });
  const onDown = (e: MouseEvent) => {
    if (field !== 'ocr' || ours(e)) return;
    e.preventDefault();
    e.stopPropagation();
    if (!e.isTrusted || e.button !== 0) return;
    dragFrom = { x: e.clientX, y: e.clientY };
  };
  const onUp = (e: MouseEvent) => {
    if (field !== 'ocr' || !dragFrom) return;
    e.preventDefault();
    e.stopPropagation();
    const sel = dragRect(e);
    dragFrom = null;
    box.setAttribute('style', 'display:none');
    const pic = picture();
    const f = e.isTrusted && pic ? toFraction(sel, pic) : null;
    if (f) regions = [...regions, f].slice(-MAX_PICKED_REGIONS);
    notice = f ? '' : '区域太小或不在视频画面上，未加入。';
    render();
  };
  const onMove = (e: MouseEvent) => {
    if (!e.isTrusted || ours(e)) return;
    if (field === 'ocr') {
      if (dragFrom) {
        const r = dragRect(e);
        box.setAttribute('style', `display:block;left:${r.x}px;top:${r.y}px;width:${r.w}px;height:${r.h}px`);
      }
      return;
    }
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
    if (field === 'ocr') return;
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
    if (!e.isTrusted || field === 'ocr') return;
    const el = target(e);
    if (!el) return;
    narrower.length = 0;
    bind(el);
  };
  const onKey = (e: KeyboardEvent) => {
    if (!e.isTrusted) return;
    const keys: Record<string, Mode> = { '1': 'product', '2': 'caption', '3': 'title', '4': 'comment', '5': 'ocr' };
    let handled = true;
    if (e.key === 'Escape') end(null);
    else if (e.key === 'Enter') end(result());
    else if (keys[e.key]) {
      field = keys[e.key]!;
      picked = null;
      box.setAttribute('style', 'display:none');
      render();
    } else if (field !== 'ocr' && e.key === 'ArrowUp' && picked?.parentElement && picked.parentElement !== doc.body) {
      narrower.push(picked);
      bind(picked.parentElement);
    } else if (e.key === 'ArrowDown' && narrower.length) bind(narrower.pop()!);
    else handled = false;
    if (handled) {
      e.preventDefault();
      e.stopPropagation();
    }
  };
  const listeners: [string, (e: never) => void][] = [
    ['mousemove', onMove],
    ['mousedown', onDown],
    ['mouseup', onUp],
    ['click', onClick],
    ['keydown', onKey],
  ];
  for (const [type, fn] of listeners) win.addEventListener(type, fn as EventListener, true);
  const result = (): Binding => ({ origin, fields, ...(regions.length ? { ocrRegions: regions } : {}), savedAt: now() });

  const end = (b: Binding | null) => {
    for (const [type, fn] of listeners) win.removeEventListener(type, fn as EventListener, true);
    host.remove();
    finish(b);
  };
  save.addEventListener('click', () => end(result()));
  cancelBtn.addEventListener('click', () => end(null));
  render();
  return { done, cancel: () => end(null) };
}
