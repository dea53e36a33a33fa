import * as oidc from 'openid-client';

/** What the relying party needs of a provider to talk to it. */
export interface ProviderEndpoint {
  id: string;
  issuer: string;
  clientId: string;
  clientSecret: string;
  /** Changes when the provider is edited: a cached discovery is then not reused. */
  version: string;
}

export interface AuthorizationRequest {
  url: URL;
  state: string;
  nonce: string;
  codeVerifier: string;
}

const DISCOVERY_TTL_MS = 10 * 60 * 1000;
const TIMEOUT_SECONDS = 10;

/**
 * The OpenID Connect relying party, on openid-client: discovery (cached per provider for ten minutes), the
 * authorization request (code flow, PKCE S256, state, nonce) and the code exchange, which verifies the response's
 * state and issuer, and the ID token's signature (against the provider's JWKS: non-repudiation checks on), issuer,
 * audience, expiry and nonce.
 */
export class OidcRelyingParty {
  private readonly discovered = new Map<string, { version: string; at: number; config: Promise<oidc.Configuration> }>();

  constructor(private readonly allowInsecureIssuers: boolean) {}

  configuration(provider: ProviderEndpoint): Promise<oidc.Configuration> {
    const cached = this.discovered.get(provider.id);
    if (cached && cached.version === provider.version && Date.now() - cached.at < DISCOVERY_TTL_MS) {
      return cached.config;
    }
    const config = oidc.discovery(
      new URL(provider.issuer),
      provider.clientId,
      undefined,
      oidc.ClientSecretBasic(provider.clientSecret),
      {
        timeout: TIMEOUT_SECONDS,
        execute: [oidc.enableNonRepudiationChecks, ...(this.allowInsecureIssuers ? [oidc.allowInsecureRequests] : [])],
      },
    );
    this.discovered.set(provider.id, { version: provider.version, at: Date.now(), config });
    // A failed discovery is not kept: the next sign-in tries again.
    config.catch(() => this.discovered.delete(provider.id));
    return config;
  }

  async authorizationRequest(
    provider: ProviderEndpoint,
    request: { redirectUri: string; scopes: string[]; acrValues: string[] },
  ): Promise<AuthorizationRequest> {
    const config = await this.configuration(provider);
    const codeVerifier = oidc.randomPKCECodeVerifier();
    const state = oidc.randomState();
    const nonce = oidc.randomNonce();
    const url = oidc.buildAuthorizationUrl(config, {
      redirect_uri: request.redirectUri,
      scope: request.scopes.join(' '),
      code_challenge: await oidc.calculatePKCECodeChallenge(codeVerifier),
      code_challenge_method: 'S256',
      state,
      nonce,
      ...(request.acrValues.length > 0 ? { acr_values: request.acrValues.join(' ') } : {}),
    });
    return { url, state, nonce, codeVerifier };
  }

  /** The verified ID token's claims; throws when anything does not verify. */
  async verifiedClaims(
    provider: ProviderEndpoint,
    callbackUrl: URL,
    checks: { state: string; nonce: string; codeVerifier: string },
  ): Promise<Record<string, unknown>> {
    const config = await this.configuration(provider);
    const tokens = await oidc.authorizationCodeGrant(config, callbackUrl, {
      pkceCodeVerifier: checks.codeVerifier,
      expectedState: checks.state,
      expectedNonce: checks.nonce,
      idTokenExpected: true,
    });
    const claims = tokens.claims();
    if (!claims) {
      throw new Error('No ID token');
    }
    return claims;
  }
}
