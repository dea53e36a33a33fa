import { PATH_METADATA } from '@nestjs/common/constants';
import { DiscoveryService, MetadataScanner, Reflector } from '@nestjs/core';
import { ACCESS_METADATA, AccessRule, SCOPE_METADATA } from '../../src/common/auth/access.decorators';
import { startTestApp, TestApp } from '../support/test-app';

/** Every route must say who may call it: a route that declares nothing fails this test (and is refused at run time). */
describe('route access declarations', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it('every controller method is @Public, or @Roles/@AnyRole with @Scopes or @UsersOnly', () => {
    const discovery = t.app.get(DiscoveryService);
    const scanner = new MetadataScanner();
    const reflector = t.app.get(Reflector);
    const undeclared: string[] = [];
    const withoutScope: string[] = [];
    let routes = 0;
    for (const wrapper of discovery.getControllers()) {
      const prototype = Object.getPrototypeOf(wrapper.instance) as object;
      for (const name of scanner.getAllMethodNames(prototype)) {
        const handler = (prototype as Record<string, unknown>)[name] as () => unknown;
        if (Reflect.getMetadata(PATH_METADATA, handler) === undefined) {
          continue;
        }
        routes += 1;
        const targets = [handler, wrapper.metatype as () => unknown];
        const rule = reflector.getAllAndOverride<AccessRule | undefined>(ACCESS_METADATA, targets);
        if (!rule) {
          undeclared.push(`${wrapper.name}.${name}`);
        }
        // Next to its roles, a route says which API-client scopes it accepts, or that it is for staff only.
        if (rule && !rule.public && !reflector.getAllAndOverride(SCOPE_METADATA, targets)) {
          withoutScope.push(`${wrapper.name}.${name}`);
        }
      }
    }
    expect(routes).toBeGreaterThan(10);
    expect(undeclared).toEqual([]);
    expect(withoutScope).toEqual([]);
  });

  it('documents every API route in the OpenAPI description with the bearer scheme', async () => {
    const response = await t.http.get('/docs-json');
    expect(response.status).toBe(200);
    const document = response.body as {
      paths: Record<string, unknown>;
      components: { securitySchemes: Record<string, unknown> };
    };
    expect(Object.keys(document.paths)).toEqual(
      expect.arrayContaining([
        '/api/v1/auth/login',
        '/api/v1/auth/me',
        '/api/v1/organizations',
        '/api/v1/users',
        '/api/v1/goals',
      ]),
    );
    expect(document.components.securitySchemes.bearer).toBeDefined();
    expect((await t.http.get('/docs')).status).toBe(200);
  });
});
