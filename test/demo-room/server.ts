/**
 * Serves the demo live room and the test fixture pages from 127.0.0.1 only.
 * `npx tsx test/demo-room/server.ts [port]` runs it by hand; tests and
 * `npm start` import startDemoServer().
 */
import { createServer, type Server } from 'node:http';
import { readFile } from 'node:fs/promises';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = fileURLToPath(new URL('.', import.meta.url));
const ROOTS: Record<string, string> = {
  '/': resolve(here),
  '/fixtures/': resolve(here, '../fixtures'),
};

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
  '.bin': 'application/octet-stream',
};

export interface DemoServer {
  server: Server;
  port: number;
  origin: string;
  /** URL of the demo room playing the given scenario. */
  roomUrl(scenario?: string, query?: Record<string, string | number>): string;
  close(): Promise<void>;
}

export async function startDemoServer(port = 0): Promise<DemoServer> {
  const server = createServer((req, res) => {
    void (async () => {
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      const path = decodeURIComponent(url.pathname === '/' ? '/room.html' : url.pathname);
      const prefix = path.startsWith('/fixtures/') ? '/fixtures/' : '/';
      const root = ROOTS[prefix]!;
      const file = normalize(join(root, path.slice(prefix.length)));
      if (file !== root && !file.startsWith(root + sep)) {
        res.writeHead(403).end('forbidden');
        return;
      }
      try {
        const body = await readFile(file);
        res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream', 'cache-control': 'no-store' });
        res.end(body);
      } catch {
        res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end('not found');
      }
    })();
  });
  await new Promise<void>((ok, fail) => {
    server.once('error', fail);
    server.listen(port, '127.0.0.1', () => ok());
  });
  const address = server.address();
  const actual = typeof address === 'object' && address ? address.port : port;
  const origin = `http://127.0.0.1:${actual}`;
  return {
    server,
    port: actual,
    origin,
    roomUrl(scenario = 'default', query = {}) {
      const q = new URLSearchParams({ scenario, ...Object.fromEntries(Object.entries(query).map(([k, v]) => [k, String(v)])) });
      return `${origin}/room.html?${q}`;
    },
    close: () => new Promise<void>((ok) => server.close(() => ok())),
  };
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const s = await startDemoServer(Number(process.argv[2] ?? 8848));
  console.log(`demo room: ${s.roomUrl()}`);
}
