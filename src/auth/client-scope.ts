import type { ScopeRule } from '../common/auth/access.decorators';
import type { Scope } from '../common/auth/scope';

export interface ScopeRefusal {
  code: 'access.clients_not_allowed' | 'access.scope';
  detail: string;
  /** The WWW-Authenticate challenge (RFC 6750 §3.1). */
  challenge: string;
}

/**
 * Whether an API client holding `held` may call a route declaring `rule`: null when it may. A route that declares
 * nothing admits no client (as one without roles admits nobody).
 */
export function scopeRefusal(rule: ScopeRule | undefined, held: readonly Scope[]): ScopeRefusal | null {
  if (!rule || !rule.clients) {
    return {
      code: 'access.clients_not_allowed',
      detail: 'This route is for signed-in staff only; API clients may not call it.',
      challenge: 'Bearer realm="samverkan", error="insufficient_scope"',
    };
  }
  if (rule.scopes.some((scope) => held.includes(scope))) {
    return null;
  }
  const needed = rule.scopes.join(' ');
  return {
    code: 'access.scope',
    detail: `Requires one of the scopes: ${rule.scopes.join(', ')}.`,
    challenge: `Bearer realm="samverkan", error="insufficient_scope", scope="${needed}"`,
  };
}
