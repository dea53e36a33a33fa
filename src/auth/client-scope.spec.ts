import { Scope } from '../common/auth/scope';
import { scopeRefusal } from './client-scope';

describe('scopeRefusal', () => {
  it('admits a client holding one of the route scopes', () => {
    expect(scopeRefusal({ clients: true, scopes: [Scope.CasesRead, Scope.CasesWrite] }, [Scope.CasesWrite])).toBeNull();
  });

  it('refuses a client without any of them, naming the scopes in the challenge', () => {
    expect(scopeRefusal({ clients: true, scopes: [Scope.CasesWrite] }, [Scope.CasesRead])).toEqual({
      code: 'access.scope',
      detail: 'Requires one of the scopes: cases:write.',
      challenge: 'Bearer realm="samverkan", error="insufficient_scope", scope="cases:write"',
    });
  });

  it('refuses every client on a staff-only route and on one that declares nothing', () => {
    expect(scopeRefusal({ clients: false }, [Scope.CasesRead])?.code).toBe('access.clients_not_allowed');
    expect(scopeRefusal(undefined, [Scope.CasesRead])?.code).toBe('access.clients_not_allowed');
  });
});
