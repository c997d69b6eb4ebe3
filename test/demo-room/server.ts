/**
 * Serves the demo live room and the test fixture pages from 127.0.0.1 only.
 * `npx tsx test/demo-room/server.ts [port]` runs it by hand; tests and
 * `npm start` import startDemoServer().
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import { createHash } from 'node:crypto';
import type { Duplex } from 'node:stream';
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

/**
 * Extra routes for platform fixtures served under real host names (the browser maps those hosts to this server
 * with --host-resolver-rules). A route answers when the Host header (port ignored) and path match.
 */
export interface Route {
  /** Host name the request was made for; any host when omitted. */
  host?: string;
  /** Exact pathname, or a prefix when it ends with `*`. */
  path: string;
  /** Only when the query string contains this. */
  query?: string;
  /** A file under test/fixtures/ … */
  file?: string;
  /** … or a body. */
  body?: string | Uint8Array;
  type?: string;
  /** For WebSocket upgrades: frames sent after the handshake, `wsIntervalMs` apart. */
  ws?: (string | Uint8Array)[];
  wsIntervalMs?: number;
}

export interface DemoServerOptions {
  /** Serve HTTPS with this key and certificate (tests make a self-signed one with openssl). */
  https?: { key: string | Buffer; cert: string | Buffer };
  routes?: Route[];
}

export interface DemoServer {
  server: Server;
  /** Mutable: tests may add routes after start. */
  routes: Route[];
  port: number;
  origin: string;
  /** URL of the demo room playing the given scenario. */
  roomUrl(scenario?: string, query?: Record<string, string | number>): string;
  close(): Promise<void>;
}

function findRoute(routes: Route[], req: IncomingMessage, ws: boolean): Route | undefined {
  const url = new URL(req.url ?? '/', 'http://127.0.0.1');
  const host = (req.headers.host ?? '').replace(/:\d+$/, '');
  return routes.find(
    (r) =>
      Boolean(r.ws) === ws &&
      (!r.host || r.host === host) &&
      (r.path.endsWith('*') ? url.pathname.startsWith(r.path.slice(0, -1)) : url.pathname === r.path) &&
      (!r.query || url.search.includes(r.query)),
  );
}

async function serveRoute(route: Route, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const origin = req.headers.origin;
  const headers: Record<string, string> = {
    'content-type': route.type ?? TYPES[extname(route.file ?? '')] ?? 'application/octet-stream',
    'cache-control': 'no-store',
    'access-control-allow-origin': origin ?? '*',
    'access-control-allow-credentials': 'true',
  };
  if (req.method === 'OPTIONS') {
    res.writeHead(204, { ...headers, 'access-control-allow-headers': '*', 'access-control-allow-methods': 'GET, POST' }).end();
    return;
  }
  const body = route.file ? await readFile(join(ROOTS['/fixtures/']!, route.file)) : (route.body ?? '');
  res.writeHead(200, headers).end(body);
}

/** A minimal server-side WebSocket: handshake, then the route's frames; client frames are ignored. */
function upgradeWs(route: Route, req: IncomingMessage, socket: Duplex): void {
  const key = req.headers['sec-websocket-key'];
  if (typeof key !== 'string') return void socket.destroy();
  const accept = createHash('sha1').update(`${key}258EAFA5-E914-47DA-95CA-C5AB0DC85B11`).digest('base64');
  socket.write(`HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: ${accept}\r\n\r\n`);
  socket.on('data', () => undefined);
  socket.on('error', () => undefined);
  const frames = [...(route.ws ?? [])];
  const timer = setInterval(() => {
    const f = frames.shift();
    if (f === undefined || socket.destroyed) return void clearInterval(timer);
    socket.write(wsFrame(f));
  }, route.wsIntervalMs ?? 150);
  socket.on('close', () => clearInterval(timer));
}

function wsFrame(data: string | Uint8Array): Buffer {
  const payload = typeof data === 'string' ? Buffer.from(data) : Buffer.from(data);
  const opcode = typeof data === 'string' ? 0x1 : 0x2;
  const n = payload.length;
  const head = n < 126 ? Buffer.from([0x80 | opcode, n]) : n < 65536 ? Buffer.alloc(4) : Buffer.alloc(10);
  if (n >= 126 && n < 65536) {
    head[0] = 0x80 | opcode;
    head[1] = 126;
    head.writeUInt16BE(n, 2);
  } else if (n >= 65536) {
    head[0] = 0x80 | opcode;
    head[1] = 127;
    head.writeBigUInt64BE(BigInt(n), 2);
  }
  return Buffer.concat([head, payload]);
}

export async function startDemoServer(port = 0, options: DemoServerOptions = {}): Promise<DemoServer> {
  const routes = [...(options.routes ?? [])];
  const handler = (req: IncomingMessage, res: ServerResponse) => {
    void (async () => {
      const route = findRoute(routes, req, false);
      if (route) {
        try {
          await serveRoute(route, req, res);
        } catch {
          res.writeHead(404).end('not found');
        }
        return;
      }
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
  };
  const server: Server = options.https ? (createHttpsServer(options.https, handler) as unknown as Server) : createServer(handler);
  const upgraded = new Set<Duplex>();
  server.on('upgrade', (req: IncomingMessage, socket: Duplex) => {
    upgraded.add(socket);
    socket.on('close', () => upgraded.delete(socket));
    const route = findRoute(routes, req, true);
    if (route) upgradeWs(route, req, socket);
    else socket.destroy();
  });
  await new Promise<void>((ok, fail) => {
    server.once('error', fail);
    server.listen(port, '127.0.0.1', () => ok());
  });
  const address = server.address();
  const actual = typeof address === 'object' && address ? address.port : port;
  const origin = `${options.https ? 'https' : 'http'}://127.0.0.1:${actual}`;
  return {
    server,
    routes,
    port: actual,
    origin,
    roomUrl(scenario = 'default', query = {}) {
      const q = new URLSearchParams({ scenario, ...Object.fromEntries(Object.entries(query).map(([k, v]) => [k, String(v)])) });
      return `${origin}/room.html?${q}`;
    },
    close: () =>
      new Promise<void>((ok) => {
        for (const s of upgraded) s.destroy();
        server.closeAllConnections?.();
        server.close(() => ok());
      }),
  };
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const s = await startDemoServer(Number(process.argv[2] ?? 8848));
  console.log(`demo room: ${s.roomUrl()}`);
}
