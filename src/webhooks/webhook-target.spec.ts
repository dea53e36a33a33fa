import { refuseTarget, Resolver } from './webhook-target';

const resolvingTo =
  (...addresses: string[]): Resolver =>
  () =>
    Promise.resolve(addresses);
const failing: Resolver = () => Promise.reject(new Error('ENOTFOUND'));

describe('refuseTarget', () => {
  it('accepts an https URL whose host resolves to public addresses only', async () => {
    await expect(
      refuseTarget('https://hooks.example.se/samverkan', false, resolvingTo('93.184.216.34', '2606:4700::1111')),
    ).resolves.toBeNull();
  });

  it.each([
    ['http://hooks.example.se/', 'not_https'],
    ['ftp://hooks.example.se/', 'invalid_url'],
    ['not a url', 'invalid_url'],
    ['https://127.0.0.1/', 'forbidden_address'],
    ['https://[::1]:8443/', 'forbidden_address'],
    ['https://169.254.169.254/latest/meta-data', 'forbidden_address'],
    ['https://[fd00:ec2::254]/', 'forbidden_address'],
  ])('refuses %s as %s', async (url, refusal) => {
    await expect(refuseTarget(url, false, resolvingTo('93.184.216.34'))).resolves.toBe(refusal);
  });

  it('refuses a host when any of its addresses is private', async () => {
    await expect(
      refuseTarget('https://intranet.example.se/', false, resolvingTo('93.184.216.34', '10.0.0.7')),
    ).resolves.toBe('forbidden_address');
  });

  it('refuses a host that does not resolve', async () => {
    await expect(refuseTarget('https://nowhere.invalid/', false, failing)).resolves.toBe('unresolvable');
  });

  it('lets development and tests use plain http on private networks', async () => {
    await expect(refuseTarget('http://127.0.0.1:4000/hook', true, failing)).resolves.toBeNull();
    await expect(refuseTarget('ftp://127.0.0.1/', true, failing)).resolves.toBe('invalid_url');
  });
});
