import { ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import { freePort } from './free-port';

export interface TestAccount {
  id: string;
  claims: Record<string, unknown>;
  acr?: string;
}

export interface TestIdp {
  issuer: string;
  clientId: string;
  clientSecret: string;
  setAccount(account: TestAccount): Promise<void>;
  stop(): Promise<void>;
}

/** Starts test/support/test-idp.mjs (oidc-provider) in a child `node`, registered with one client and redirect URI. */
export async function startTestIdp(redirectUri: string): Promise<TestIdp> {
  const port = await freePort();
  const clientId = 'samverkan-test';
  const clientSecret = 'test-idp-client-secret-that-is-long';
  const child = spawn(process.execPath, [join(__dirname, 'test-idp.mjs')], {
    env: {
      ...process.env,
      NODE_OPTIONS: '',
      PORT: String(port),
      CLIENT_ID: clientId,
      CLIENT_SECRET: clientSecret,
      REDIRECT_URI: redirectUri,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the test IdP did not start:\n${output}`)), 20000);
    const read = (chunk: Buffer) => {
      output += chunk.toString('utf8');
      if (output.includes('listening')) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout?.on('data', read);
    child.stderr?.on('data', read);
    child.once('exit', (code) => reject(new Error(`the test IdP exited (${code}):\n${output}`)));
  });
  const issuer = `http://127.0.0.1:${port}`;
  return {
    issuer,
    clientId,
    clientSecret,
    setAccount: async (account) => {
      const response = await fetch(`${issuer}/test/accounts`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(account),
      });
      if (response.status !== 204) {
        throw new Error(`setting the test account failed: ${response.status}`);
      }
    },
    stop: () => stop(child),
  };
}

function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) {
    return Promise.resolve();
  }
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
}

/**
 * A browser, as far as sign-in needs one: a cookie jar per host (as browsers keep them, whatever the port), and
 * redirects followed by hand until one leads to a URL the test stops at. A login form is filled in with an account.
 */
export class TestBrowser {
  private readonly jar = new Map<string, Map<string, string>>();

  /** Follows redirects from `url` until one points under `stopAt`; returns that URL. */
  async follow(url: string, stopAt: string, account?: string, rewrite?: (url: URL) => URL): Promise<URL> {
    let next = new URL(url);
    for (let hop = 0; hop < 20; hop++) {
      if (next.href.startsWith(stopAt)) {
        return next;
      }
      if (rewrite) {
        next = rewrite(next);
      }
      const response = await this.request(next);
      if (response.status >= 300 && response.status < 400) {
        next = new URL(response.headers.get('location') as string, next);
        continue;
      }
      const body = await response.text();
      const form = /<form method="post" action="([^"]+)"/.exec(body);
      if (response.status === 200 && form && account) {
        const posted = await this.request(new URL(form[1], next), `account=${encodeURIComponent(account)}`);
        next = new URL(posted.headers.get('location') as string, next);
        continue;
      }
      throw Object.assign(new Error(`unexpected ${response.status} at ${next.pathname}: ${body.slice(0, 300)}`), {
        status: response.status,
        body,
      });
    }
    throw new Error('too many redirects');
  }

  async request(url: URL, form?: string): Promise<Response> {
    const cookies = [...(this.jar.get(url.hostname) ?? new Map<string, string>())].map(([k, v]) => `${k}=${v}`);
    const response = await fetch(url, {
      method: form === undefined ? 'GET' : 'POST',
      redirect: 'manual',
      headers: {
        ...(cookies.length > 0 ? { cookie: cookies.join('; ') } : {}),
        ...(form === undefined ? {} : { 'content-type': 'application/x-www-form-urlencoded' }),
      },
      body: form,
    });
    this.store(url.hostname, response.headers.getSetCookie());
    return response;
  }

  cookie(host: string, name: string): string | undefined {
    return this.jar.get(host)?.get(name);
  }

  private store(host: string, setCookies: string[]): void {
    const cookies = this.jar.get(host) ?? new Map<string, string>();
    for (const line of setCookies) {
      const [pair, ...attributes] = line.split(';').map((part) => part.trim());
      const equals = pair.indexOf('=');
      const name = pair.slice(0, equals);
      const value = pair.slice(equals + 1);
      const expired = attributes.some(
        (attribute) =>
          /^max-age=0$/i.test(attribute) ||
          (/^expires=/i.test(attribute) && Date.parse(attribute.slice(8)) < Date.now()),
      );
      if (expired || value === '') {
        cookies.delete(name);
      } else {
        cookies.set(name, value);
      }
    }
    this.jar.set(host, cookies);
  }
}
