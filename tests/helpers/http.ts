// A tiny browser-like HTTP client for integration tests: keeps cookies, reads CSRF tokens from pages.
import http from 'node:http';

export type Res = { status: number; text: string; headers: Headers; location: string | null };

export class Client {
  private cookies = new Map<string, string>();
  csrf = '';

  constructor(private readonly base: string) {}

  private cookieHeader(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }

  private remember(res: Response): void {
    for (const c of res.headers.getSetCookie()) {
      const [pair] = c.split(';');
      const i = pair.indexOf('=');
      const name = pair.slice(0, i).trim();
      const value = pair.slice(i + 1).trim();
      if (/expires=Thu, 01 Jan 1970/i.test(c) || value === '') this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
  }

  async request(method: string, path: string, body?: BodyInit, headers: Record<string, string> = {}): Promise<Res> {
    const res = await fetch(this.base + path, {
      method,
      body,
      redirect: 'manual',
      headers: { cookie: this.cookieHeader(), accept: 'text/html', ...headers },
    });
    this.remember(res);
    const text = await res.text();
    const m = text.match(/name="_csrf" value="([^"]+)"/);
    if (m) this.csrf = m[1];
    return { status: res.status, text, headers: res.headers, location: res.headers.get('location') };
  }

  get(path: string, headers?: Record<string, string>): Promise<Res> {
    return this.request('GET', path, undefined, headers);
  }

  /**
   * GET on a connection of its own, never a pooled keep-alive socket: for a test that must tell a response the
   * server gave from a socket it was closing for another request at the same moment (fetch's pool may hand over a
   * socket the server has just dropped, which any HTTP client retries; a fresh connection shows what the server does).
   */
  async getOnNewConnection(path: string): Promise<{ status: number; text: string }> {
    const res = await this.raw(path, { accept: 'text/html' }, { newConnection: true });
    return { status: res.status, text: res.body.toString('utf8') };
  }

  /** GET with these headers and the body exactly as sent: not decompressed (node:http), with the raw headers. */
  raw(path: string, headers: Record<string, string> = {}, opts: { newConnection?: boolean } = {}): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: Buffer }> {
    return new Promise((resolve, reject) => {
      const req = http.get(this.base + path, { ...(opts.newConnection ? { agent: false } : {}), headers: { cookie: this.cookieHeader(), ...headers } }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
        res.on('error', reject);
      });
      req.on('error', reject);
    });
  }

  /** GET a download as raw bytes (Response.text() drops a leading UTF-8 BOM, which exports must keep). */
  async bytes(path: string): Promise<{ status: number; bytes: Uint8Array; headers: Headers }> {
    const res = await fetch(this.base + path, { redirect: 'manual', headers: { cookie: this.cookieHeader() } });
    this.remember(res);
    return { status: res.status, bytes: new Uint8Array(await res.arrayBuffer()), headers: res.headers };
  }

  /** GET a binary body (a download such as an XLSX file) with this client's cookies. */
  async getBytes(path: string): Promise<{ status: number; body: Buffer; headers: Headers }> {
    const res = await fetch(this.base + path, { redirect: 'manual', headers: { cookie: this.cookieHeader() } });
    this.remember(res);
    return { status: res.status, body: Buffer.from(await res.arrayBuffer()), headers: res.headers };
  }

  /** POST a urlencoded form, adding the CSRF token last seen on a page (unless csrf: false). */
  async post(path: string, form: Record<string, string | number | (string | number)[]> | URLSearchParams = {}, opts: { csrf?: boolean | string } = {}): Promise<Res> {
    const body = form instanceof URLSearchParams ? form : new URLSearchParams();
    if (!(form instanceof URLSearchParams)) {
      for (const [k, v] of Object.entries(form)) {
        if (Array.isArray(v)) for (const x of v) body.append(k, String(x));
        else body.append(k, String(v));
      }
    }
    if (opts.csrf !== false) {
      if (!this.csrf && typeof opts.csrf !== 'string') await this.get('/login');
      body.set('_csrf', typeof opts.csrf === 'string' ? opts.csrf : this.csrf);
    }
    return this.request('POST', path, body, { 'content-type': 'application/x-www-form-urlencoded' });
  }

  /** Sign in and load the home page (which refreshes the CSRF token of the new session). */
  async login(username: string, password: string): Promise<Res> {
    await this.get('/login');
    const res = await this.post('/login', { username, password });
    if (res.status !== 303) throw new Error(`login as ${username} failed with ${res.status}`);
    await this.get('/');
    return res;
  }

  hasCookie(name: string): boolean {
    return this.cookies.has(name);
  }

  /** Send this cookie from now on, as a browser would after a server (or someone) set it. */
  setCookie(name: string, value: string): void {
    this.cookies.set(name, value);
  }
}
