// The ceiling: a bare Express + EJS app with the real app's middleware that needs no database (pino-http,
// helmet with the same CSP, body parsers, the same EJS engine from src/web/views.ts with the view cache on),
// serving one page of the same bytes as the command dashboard (CEILING_HTML, captured by bench/run.ts).
// Run as its own process: PORT=… CEILING_HTML=/tmp/page.html node --import tsx bench/ceiling.ts
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import crypto from 'node:crypto';
import express from 'express';
import { securityHeaders } from '../src/web/security-headers.ts';
import { pinoHttp } from 'pino-http';
import { createLogger } from '../src/logger.ts';
import { useViews } from '../src/web/views.ts';

const html = fs.readFileSync(process.env.CEILING_HTML ?? '', 'utf8');
// the page as an EJS template: the body is interpolated unescaped, like the layout does with `body`
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'thidua-ceiling-'));
const template = path.join(dir, 'page.ejs');
fs.writeFileSync(template, '<%- body %>');

const logger = createLogger(process.env.LOG_LEVEL ?? 'warn');
const app = express();
app.disable('x-powered-by');
app.set('query parser', 'simple');
useViews(app, true);
app.use(
  pinoHttp({
    logger,
    genReqId: (_req, res) => {
      const id = crypto.randomUUID();
      res.setHeader('X-Request-Id', id);
      return id;
    },
  }),
);
// the app's own helmet settings (without secure cookies, as the bench runs on plain HTTP)
app.use(securityHeaders(false));
app.use(express.urlencoded({ extended: true, limit: '2mb', parameterLimit: 20000 }));
app.use(express.json({ limit: '1mb' }));
app.get('/page', (_req, res) => {
  res.render(template, { layout: false, body: html });
});

const server = app.listen(Number(process.env.PORT ?? 0), '127.0.0.1', () => {
  process.stdout.write(`ceiling listening ${JSON.stringify(server.address())}\n`);
});
server.keepAliveTimeout = 65_000;
process.on('SIGTERM', () => {
  fs.rmSync(dir, { recursive: true, force: true });
  server.close(() => process.exit(0));
  server.closeIdleConnections();
});
