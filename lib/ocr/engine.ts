/**
 * The OCR engine: PaddleOCR v4 (det + rec, ONNX) through @gutenye/ocr-browser on
 * onnxruntime-web's single-threaded WASM, plus jsQR. Runs only in the sandboxed
 * OCR page (entrypoints/ocr.sandbox): opencv.js, which the OCR library needs,
 * builds functions with `new Function`, which extension pages' CSP forbids.
 * Every byte it needs (models, dictionary, WASM) is handed in by the offscreen
 * document from the extension's own files; nothing is fetched from the network.
 */
import Ocr from '@gutenye/ocr-common';
import jsQR from 'jsqr';
import * as ort from 'onnxruntime-web';
import { canvasOf, cropChangedBands } from './crop';
import { registerOcrBackend } from './image-raw';
import type { BandTracker } from './frame';
import { REC_HEIGHT, ctcDecode, recInput, singleLineBox } from './line';
import type { CropOut, EngineRequest, ReadLine, RegionRead } from './messages';

export interface EngineAssets {
  detection: ArrayBuffer;
  recognition: ArrayBuffer;
  dictionary: string;
  wasm: ArrayBuffer;
}

/** Lines under this confidence are dropped (the library already drops < 0.5). */
const MIN_CONFIDENCE = 0.6;
/** A one-line crop read without detection is kept at this confidence or more; below, detection runs after all. */
const LINE_ONLY_CONFIDENCE = 0.85;

export interface Engine {
  handle(req: EngineRequest): Promise<{ reads: RegionRead[]; width?: number; height?: number }>;
  /** How crops were read so far: one line without detection, or with detection (the bench reads this). */
  readonly stats: { lineOnly: number; detected: number };
}

export async function createEngine(assets: EngineAssets): Promise<Engine> {
  ort.env.wasm.numThreads = 1;
  ort.env.wasm.proxy = false;
  ort.env.wasm.wasmBinary = assets.wasm;
  // No memory arena or pattern cache: crops vary in size, and the arena would keep the largest ever seen.
  const onnxOptions: ort.InferenceSession.SessionOptions = { enableCpuMemArena: false, enableMemPattern: false, executionProviders: ['wasm'] };
  const recognitionBytes = new Uint8Array(assets.recognition);
  const recognition = await ort.InferenceSession.create(recognitionBytes, onnxOptions);
  // The library's recognition model is this same session (one copy of the model in memory).
  registerOcrBackend({
    create: ((src: unknown, opts?: ort.InferenceSession.SessionOptions) =>
      src === recognitionBytes ? Promise.resolve(recognition) : ort.InferenceSession.create(src as Uint8Array, opts)) as typeof ort.InferenceSession.create,
  });
  const dictionary = [...assets.dictionary.split('\n'), ' '];
  const dictionaryPath = URL.createObjectURL(new Blob([assets.dictionary], { type: 'text/plain' }));
  // The library passes these straight to InferenceSession.create, which takes model bytes as well as URLs.
  const ocr = await Ocr.create({
    models: {
      detectionPath: new Uint8Array(assets.detection) as unknown as string,
      recognitionPath: recognitionBytes as unknown as string,
      dictionaryPath,
    },
    onnxOptions,
  });
  const trackers = new Map<string, BandTracker>();
  const stats = { lineOnly: 0, detected: 0 };

  /** Reads `box` of the canvas as one line of text with the recognition model alone. */
  async function readLine(source: HTMLCanvasElement, box: { x: number; y: number; w: number; h: number }): Promise<ReadLine> {
    const w = Math.max(REC_HEIGHT, Math.round((box.w * REC_HEIGHT) / box.h));
    const c = canvasOf(w, REC_HEIGHT);
    c.g.drawImage(source, box.x, box.y, box.w, box.h, 0, 0, w, REC_HEIGHT);
    const input = new ort.Tensor('float32', recInput(c.g.getImageData(0, 0, w, REC_HEIGHT).data, w, REC_HEIGHT), [1, 3, REC_HEIGHT, w]);
    const out = (await recognition.run({ [recognition.inputNames[0]!]: input }))[recognition.outputNames[0]!]!;
    const [, steps, classes] = out.dims as number[];
    const r = ctcDecode(out.data as Float32Array, steps!, classes!, dictionary);
    input.dispose();
    out.dispose();
    return { text: r.text.trim(), confidence: Math.round(r.confidence * 1000) / 1000 };
  }

  /** A crop's QR code (jsQR) or, if it holds none, its text lines (OCR). */
  async function readImage(image: string): Promise<{ lines: ReadLine[]; qr: string[] }> {
    const img = await loadImage(image);
    const c = canvasOf(img.width, img.height);
    c.g.drawImage(img, 0, 0);
    img.close();
    const px = c.g.getImageData(0, 0, c.canvas.width, c.canvas.height);
    const code = jsQR(px.data, px.width, px.height, { inversionAttempts: 'attemptBoth' });
    if (code?.data) return { lines: [], qr: [code.data.slice(0, 1000)] };
    // Most crops are one subtitle line or one slogan: read it directly, and detect lines only if that fails.
    const box = singleLineBox(px.data, px.width, px.height);
    if (box) {
      const line = await readLine(c.canvas, box);
      if (line.confidence >= LINE_ONLY_CONFIDENCE && line.text.length > 0) {
        stats.lineOnly++;
        return { lines: [line], qr: [] };
      }
    }
    stats.detected++;
    const lines = (await ocr.detect(image))
      .filter((l) => l.mean >= MIN_CONFIDENCE && l.text.trim().length > 0)
      .map((l) => ({ text: l.text.trim(), confidence: Math.round(l.mean * 1000) / 1000 }));
    return { lines, qr: [] };
  }

  async function readCrops(crops: CropOut[]): Promise<RegionRead[]> {
    const out: RegionRead[] = [];
    for (const c of crops) out.push({ box: c.box, subtitle: c.subtitle, ...(c.picked ? { picked: true } : {}), image: c.image, ...(await readImage(c.image)) });
    return out;
  }

  return {
    stats,
    async handle(req) {
      if (req.op === 'read') return { reads: await readCrops(req.crops) };
      // A screenshot: cut the video's rectangle out, then do what the frame grabber does for same-origin video.
      const shot = await loadImage(req.image);
      const r = req.rect;
      const frame = canvasOf(Math.max(1, Math.round(r.w)), Math.max(1, Math.round(r.h)));
      frame.g.drawImage(shot, r.x, r.y, r.w, r.h, 0, 0, frame.canvas.width, frame.canvas.height);
      shot.close();
      const size = { width: frame.canvas.width, height: frame.canvas.height };
      const crops = cropChangedBands(frame.canvas, size, trackers, req.key, req.regions);
      return { reads: await readCrops(crops), ...size };
    },
  };
}

/** Decoded with createImageBitmap: HTMLImageElement.decode() never settles in a page that is not rendered. */
async function loadImage(src: string): Promise<ImageBitmap> {
  return createImageBitmap(await (await fetch(src)).blob());
}
