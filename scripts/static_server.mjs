// A small static file server for dist/web, bound to 127.0.0.1 only. Used by `npm start`
// and by the browser tests. Serves .wasm and .mjs with the types browsers insist on.
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';

const CONTENT_TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.wasm': 'application/wasm',
  '.image': 'application/octet-stream',  // the rule pack's load image
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=utf-8',
};

function handler(rootDir) {
  const base = path.resolve(rootDir);
  return (request, response) => {
    let pathname;
    try {
      pathname = decodeURIComponent(new URL(request.url, 'http://127.0.0.1').pathname);
    } catch {
      response.writeHead(400).end('bad request');
      return;
    }
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      response.writeHead(405, { allow: 'GET, HEAD' }).end();
      return;
    }
    let file = path.resolve(base, `.${pathname}`);
    if (file !== base && !file.startsWith(base + path.sep)) {
      response.writeHead(403).end('forbidden');
      return;
    }
    if (fs.existsSync(file) && fs.statSync(file).isDirectory()) file = path.join(file, 'index.html');
    fs.readFile(file, (error, body) => {
      if (error) {
        response.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end('not found');
        return;
      }
      // no-cache: the browser keeps the file but asks each time; the ETag lets it hear "not
      // modified" instead of fetching the module again, and keep its compiled code.
      const stat = fs.statSync(file);
      const etag = `"${stat.size.toString(16)}-${Math.floor(stat.mtimeMs).toString(16)}"`;
      const headers = { 'cache-control': 'no-cache', etag, 'x-content-type-options': 'nosniff' };
      if (request.headers['if-none-match'] === etag) {
        response.writeHead(304, headers).end();
        return;
      }
      response.writeHead(200, { 'content-type': CONTENT_TYPES[path.extname(file)] ?? 'application/octet-stream', ...headers });
      response.end(request.method === 'HEAD' ? undefined : body);
    });
  };
}

/** Serves rootDir on 127.0.0.1; resolves {server, port}. port 0 picks a free port. */
export function serveDirectory(rootDir, { port = 0, tryNextPorts = 0 } = {}) {
  return new Promise((resolve, reject) => {
    const server = http.createServer(handler(rootDir));
    let attempt = 0;
    server.on('error', (error) => {
      if (error.code === 'EADDRINUSE' && attempt < tryNextPorts) {
        attempt += 1;
        server.listen(port + attempt, '127.0.0.1');
      } else {
        reject(error);
      }
    });
    server.on('listening', () => resolve({ server, port: server.address().port }));
    server.listen(port, '127.0.0.1');
  });
}
