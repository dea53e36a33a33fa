// A real OpenID provider (oidc-provider) on loopback, for the sign-in e2e tests: run with plain `node`, as it is
// ESM-only and Jest's CommonJS loader cannot load it. Accounts are set over HTTP (POST /test/accounts) by the test;
// the login page is a form that the test's browser fills in with an account id, as a user would.
// Environment: PORT, CLIENT_ID, CLIENT_SECRET, REDIRECT_URI. Prints "listening" once ready.
import { createServer } from 'node:http';
import Provider from 'oidc-provider';

const port = Number(process.env.PORT);
const issuer = `http://127.0.0.1:${port}`;
/** account id → { claims, acr } */
const accounts = new Map();

const provider = new Provider(issuer, {
  clients: [
    {
      client_id: process.env.CLIENT_ID,
      client_secret: process.env.CLIENT_SECRET,
      redirect_uris: [process.env.REDIRECT_URI],
      grant_types: ['authorization_code'],
      response_types: ['code'],
      token_endpoint_auth_method: 'client_secret_basic',
    },
  ],
  cookies: { keys: ['test-idp-cookie-key'] },
  scopes: ['openid', 'email', 'profile', 'samverkan'],
  claims: { openid: ['sub'], email: ['email'], profile: ['name'], samverkan: ['org', 'groups'] },
  // The mapped claims travel in the ID token, as the Swedish IdPs send them.
  conformIdTokenClaims: false,
  acrValues: ['http://id.sambi.se/loa/loa2', 'http://id.sambi.se/loa/loa3'],
  features: { devInteractions: { enabled: false } },
  interactions: { url: (_ctx, interaction) => `/interaction/${interaction.uid}` },
  findAccount: (_ctx, id) =>
    accounts.has(id) ? { accountId: id, claims: () => ({ sub: id, ...accounts.get(id).claims }) } : undefined,
});
provider.on('server_error', (_ctx, error) => console.error('server_error', error));

const readBody = (req) =>
  new Promise((resolve) => {
    let body = '';
    req.on('data', (chunk) => (body += chunk));
    req.on('end', () => resolve(body));
  });

const callback = provider.callback();
const server = createServer(async (req, res) => {
  try {
    const url = new URL(req.url, issuer);
    if (req.method === 'POST' && url.pathname === '/test/accounts') {
      const { id, claims, acr } = JSON.parse(await readBody(req));
      accounts.set(id, { claims, acr });
      res.writeHead(204).end();
      return;
    }
    const interaction = /^\/interaction\/([^/]+)(\/login)?$/.exec(url.pathname);
    if (interaction && req.method === 'GET') {
      await provider.interactionDetails(req, res);
      res.writeHead(200, { 'content-type': 'text/html' });
      res.end(`<form method="post" action="/interaction/${interaction[1]}/login"><input name="account"></form>`);
      return;
    }
    if (interaction && req.method === 'POST') {
      const details = await provider.interactionDetails(req, res);
      const accountId = new URLSearchParams(await readBody(req)).get('account');
      const account = accounts.get(accountId);
      if (!account) {
        res.writeHead(400).end('unknown account');
        return;
      }
      const grant = new provider.Grant({ accountId, clientId: details.params.client_id });
      grant.addOIDCScope(details.params.scope);
      const grantId = await grant.save();
      await provider.interactionFinished(
        req,
        res,
        { login: { accountId, acr: account.acr }, consent: { grantId } },
        { mergeWithLastSubmission: false },
      );
      return;
    }
    callback(req, res);
  } catch (error) {
    console.error(error);
    res.writeHead(500).end();
  }
});
server.listen(port, '127.0.0.1', () => console.log('listening'));
process.on('SIGTERM', () => server.close(() => process.exit(0)));
