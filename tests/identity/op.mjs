// A real OpenID Provider for the identity tests: npm oidc-provider (an
// OpenID-certified implementation) on 127.0.0.1, with our own signing keys
// so that a test can rotate them and sign hostile tokens with them.
//
//   const op = await startProvider({ port, keys, accounts, clients });
//   op.issuer        'http://127.0.0.1:PORT'
//   await op.close()
//
// accounts: { id: { groups: [...], roles: [...] } }; findAccount returns sub
// (= the id) and those claims, in the ID token too (conformIdTokenClaims
// false), as Entra ID puts groups and app roles there.
// Machine clients get JWT access tokens through client_credentials with a
// resource indicator: aud is the resource, sub the client id, and `roles`
// the client's `roles` property (Entra's app roles for applications).
import Provider from 'oidc-provider';
import * as jose from 'jose';

export async function newKey(alg = 'RS256', kid) {
  const { privateKey } = await jose.generateKeyPair(alg, { extractable: true });
  const jwk = await jose.exportJWK(privateKey);
  jwk.kid = kid ?? `${alg.toLowerCase()}-${Math.random().toString(36).slice(2, 10)}`;
  jwk.alg = alg;
  jwk.use = 'sig';
  return jwk;
}

export function publicJwk(jwk) {
  const { d, p, q, dp, dq, qi, ...pub } = jwk;
  return pub;
}

// Signs `claims` with `jwk` (a private JWK), header alg from the key unless
// `alg` overrides it.
export async function sign(jwk, claims, { alg, kid, typ } = {}) {
  const key = await jose.importJWK({ ...jwk, alg: alg ?? jwk.alg }, alg ?? jwk.alg);
  return new jose.SignJWT(claims)
    .setProtectedHeader({ alg: alg ?? jwk.alg, kid: kid ?? jwk.kid, typ: typ ?? 'JWT' })
    .sign(key);
}

export async function startProvider({ port, keys, accounts = {}, clients = [], resources = {} }) {
  const issuer = `http://127.0.0.1:${port}`;
  const provider = new Provider(issuer, {
    clients,
    jwks: { keys },
    findAccount: async (ctx, id) => ({
      accountId: id,
      claims: async () => ({ sub: id, ...(accounts[id] ?? {}) }),
    }),
    claims: { openid: ['sub', 'groups', 'roles'] },
    conformIdTokenClaims: false,
    pkce: { required: () => true },
    features: {
      devInteractions: { enabled: true },
      clientCredentials: { enabled: true },
      rpInitiatedLogout: { enabled: true },
      resourceIndicators: {
        enabled: true,
        defaultResource: () => undefined,
        useGrantedResource: () => true,
        getResourceServerInfo: (ctx, resource) => {
          if (!resources[resource]) throw new Error(`unknown resource ${resource}`);
          return {
            scope: 'api',
            audience: resource,
            accessTokenFormat: 'jwt',
            accessTokenTTL: 300,
            jwt: { sign: { alg: resources[resource] } },
          };
        },
      },
    },
    extraTokenClaims: async (ctx, token) => {
      const client = token.client ?? (token.clientId && (await ctx.oidc.provider.Client.find(token.clientId)));
      return client?.roles ? { roles: client.roles } : undefined;
    },
    extraClientMetadata: { properties: ['roles'] },
    ttl: { AccessToken: 300, ClientCredentials: 300, IdToken: 300 },
  });
  provider.proxy = false;
  const server = provider.listen(port, '127.0.0.1');
  await new Promise((resolve, reject) => {
    server.once('listening', resolve);
    server.once('error', reject);
  });
  return {
    issuer,
    provider,
    async close() {
      server.closeAllConnections?.();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

// A client_credentials access token (a JWT) for `resource`.
export async function clientCredentialsToken(op, clientId, secret, resource) {
  const res = await fetch(`${op.issuer}/token`, {
    method: 'POST',
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      authorization: 'Basic ' + Buffer.from(`${clientId}:${secret}`).toString('base64'),
    },
    body: new URLSearchParams({ grant_type: 'client_credentials', resource, scope: 'api' }),
  });
  const body = await res.json();
  if (!res.ok) throw new Error(`token endpoint: ${res.status} ${JSON.stringify(body)}`);
  return body.access_token;
}
