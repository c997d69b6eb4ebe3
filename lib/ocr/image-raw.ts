/**
 * The OCR library's image backend, for a page that never renders: the offscreen
 * document's iframe. @gutenye/ocr-browser's own ImageRaw waits on
 * HTMLImageElement.decode(), which never resolves there; this one decodes with
 * createImageBitmap. Otherwise the same canvas-based resizing.
 */
import { FileUtilsBase, ImageRawBase, registerBackend } from '@gutenye/ocr-common';
import { splitIntoLineImages } from '@gutenye/ocr-common/splitIntoLineImages';
import { InferenceSession } from 'onnxruntime-web';

type Size = { width?: number; height?: number };

function context(w: number, h: number): CanvasRenderingContext2D {
  const c = document.createElement('canvas');
  c.width = Math.max(1, Math.round(w));
  c.height = Math.max(1, Math.round(h));
  return c.getContext('2d', { willReadFrequently: true })!;
}

export class BitmapImageRaw extends ImageRawBase {
  declare data: Uint8ClampedArray<ArrayBuffer>;

  static async open(url: string): Promise<BitmapImageRaw> {
    const bitmap = await createImageBitmap(await (await fetch(url)).blob());
    const g = context(bitmap.width, bitmap.height);
    g.drawImage(bitmap, 0, 0);
    bitmap.close();
    const d = g.getImageData(0, 0, g.canvas.width, g.canvas.height);
    return new BitmapImageRaw({ data: d.data, width: d.width, height: d.height });
  }

  constructor({ data, width, height }: { data: Uint8Array | Uint8ClampedArray; width: number; height: number }) {
    const copy = Uint8ClampedArray.from(data) as Uint8ClampedArray<ArrayBuffer>;
    super({ data: copy, width, height });
    this.data = copy as Uint8ClampedArray<ArrayBuffer>;
  }

  async resize({ width, height }: Size): Promise<this> {
    if (width === undefined && height === undefined) throw new Error('resize: no size');
    const w = width || Math.round((this.width / this.height) * height!);
    const h = height || Math.round((this.height / this.width) * width!);
    const src = context(this.width, this.height);
    src.putImageData(new ImageData(this.data, this.width, this.height), 0, 0);
    const dst = context(w, h);
    dst.drawImage(src.canvas, 0, 0, dst.canvas.width, dst.canvas.height);
    const d = dst.getImageData(0, 0, dst.canvas.width, dst.canvas.height);
    this.data = d.data;
    this.width = d.width;
    this.height = d.height;
    return this;
  }

  async drawBox(): Promise<this> {
    return this;
  }

  async write(): Promise<void> {}
}

class FetchFileUtils extends FileUtilsBase {
  static override async read(url: string): Promise<string> {
    return (await fetch(url)).text();
  }
}

type SessionFactory = Pick<typeof InferenceSession, 'create'>;

/**
 * Registers this backend with the OCR library (call once, before Ocr.create). `sessions` creates the
 * library's model sessions (default: onnxruntime's), so the engine can share one with the library.
 */
export function registerOcrBackend(sessions: SessionFactory = InferenceSession): void {
  registerBackend({
    FileUtils: FetchFileUtils as never,
    ImageRaw: BitmapImageRaw,
    InferenceSession: sessions as never,
    splitIntoLineImages,
    defaultModels: undefined,
  });
}
