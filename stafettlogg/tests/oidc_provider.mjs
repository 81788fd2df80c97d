// A real OpenID Provider for the login tests: the certified `oidc-provider` package from npm,
// on loopback, started and stopped by the tests (stafettlogg/tests/oidc.py).
//
//   node oidc_provider.mjs CONFIG.json
//
// CONFIG: {port, issuer, jwks: {keys: [private JWK]}, clients: [...], accounts: {username: {sub,
// claims}}, acr: "..."}. It stands in for ID-porten (the claim `pid`, acr levels) or for a
// municipality's staff identity provider (email). The login page asks for a test user's name,
// like ID-porten's test environment; consent is implied for these first-party clients.
import fs from 'node:fs';
import http from 'node:http';
import { URL } from 'node:url';
import querystring from 'node:querystring';

import Provider from 'oidc-provider';

const config = JSON.parse(fs.readFileSync(process.argv[2], 'utf8'));
const accounts = config.accounts;
const bySub = Object.fromEntries(Object.values(accounts).map((a) => [a.sub, a]));
const escape = (s) => String(s).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

const provider = new Provider(config.issuer, {
  clients: config.clients,
  jwks: config.jwks,
  cookies: { keys: ['test-only-cookie-key-0123456789'] },
  pkce: { required: () => true },
  acrValues: config.acr ? [config.acr] : [],
  conformIdTokenClaims: false,
  claims: {
    openid: ['sub'],
    profile: ['name', 'pid'],
    email: ['email', 'email_verified'],
  },
  features: {
    devInteractions: { enabled: false },
    rpInitiatedLogout: {
      enabled: true,
      logoutSource: async (ctx, form) => {
        ctx.body = `<!doctype html><html><body>${form}
          <button form="op.logoutForm" name="logout" value="yes">Logg ut</button></body></html>`;
      },
    },
  },
  async findAccount(ctx, sub) {
    const account = bySub[sub];
    if (!account) return undefined;
    return { accountId: sub, claims: async () => ({ sub, ...account.claims }) };
  },
  // First-party clients: the grant covers what the client asked for (no consent screen).
  async loadExistingGrant(ctx) {
    const grantId = ctx.oidc.result?.consent?.grantId
      || ctx.oidc.session.grantIdFor(ctx.oidc.client.clientId);
    if (grantId) return ctx.oidc.provider.Grant.find(grantId);
    const grant = new ctx.oidc.provider.Grant({
      clientId: ctx.oidc.client.clientId,
      accountId: ctx.oidc.session.accountId,
    });
    grant.addOIDCScope(ctx.oidc.params.scope);
    grant.addOIDCClaims(['pid', 'name', 'email', 'email_verified']);
    await grant.save();
    return grant;
  },
  ttl: { Session: 3600, Interaction: 600, Grant: 3600, AccessToken: 600, IdToken: 600,
    AuthorizationCode: 60 },
});
provider.proxy = false;

function loginPage(uid, error) {
  return `<!doctype html><html lang="nb"><head><title>Test-innlogging</title></head><body>
    <h1>Test-innlogging</h1>${error ? `<p role="alert">${escape(error)}</p>` : ''}
    <form method="post" action="/interaction/${escape(uid)}">
      <label for="username">Testbruker</label>
      <input id="username" name="username" autocomplete="off">
      <button type="submit">Logg inn</button>
    </form></body></html>`;
}

async function readBody(req) {
  let data = '';
  for await (const chunk of req) data += chunk;
  return querystring.parse(data);
}

const callback = provider.callback();
const server = http.createServer(async (req, res) => {
  const url = new URL(req.url, config.issuer);
  const match = url.pathname.match(/^\/interaction\/([\w-]+)$/);
  if (!match) {
    callback(req, res);
    return;
  }
  try {
    const details = await provider.interactionDetails(req, res);
    if (req.method === 'GET') {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      res.end(loginPage(details.uid));
      return;
    }
    const body = await readBody(req);
    const account = accounts[body.username];
    if (!account) {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      res.end(loginPage(details.uid, 'Ukjent testbruker'));
      return;
    }
    const login = { accountId: account.sub };
    if (config.acr) login.acr = config.acr;
    await provider.interactionFinished(req, res, { login }, { mergeWithLastSubmission: false });
  } catch (error) {
    res.writeHead(400, { 'content-type': 'text/plain' });
    res.end(String(error));
  }
});

server.listen(config.port, '127.0.0.1', () => {
  process.stdout.write(`ready ${config.port}\n`);
});
process.on('SIGTERM', () => server.close(() => process.exit(0)));
