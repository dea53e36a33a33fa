import type { LookupAddress } from 'node:dns';
import { ForbiddenAddressError, guardedLookup, refuseTarget, resolveHost, Resolver } from './webhook-target';

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

describe('refuseTarget with a host that resolves to nothing', () => {
  it('counts an empty answer as unresolvable', async () => {
    await expect(refuseTarget('https://empty.example.se/', false, resolvingTo())).resolves.toBe('unresolvable');
  });
});

describe('resolveHost', () => {
  it('answers every address of the host (an address literal resolves to itself, without DNS)', async () => {
    await expect(resolveHost('93.184.216.34')).resolves.toEqual(['93.184.216.34']);
    await expect(resolveHost('2606:4700::1111')).resolves.toEqual(['2606:4700::1111']);
  });
});

/** What the socket lookup answered: the error, or the address(es) it connects to. */
function lookUp(allowPrivateNetworks: boolean, hostname: string, all = false) {
  return new Promise<{ error: NodeJS.ErrnoException | null; address: string | LookupAddress[]; family?: number }>(
    (resolve) =>
      guardedLookup(allowPrivateNetworks)(hostname, { all }, (error, address, family) =>
        resolve({ error, address, family }),
      ),
  );
}

describe('guardedLookup', () => {
  it('connects to a public address, one or all as the socket asks', async () => {
    await expect(lookUp(false, '93.184.216.34')).resolves.toEqual({
      error: null,
      address: '93.184.216.34',
      family: 4,
    });
    await expect(lookUp(false, '2606:4700::1111')).resolves.toEqual({
      error: null,
      address: '2606:4700::1111',
      family: 6,
    });
    await expect(lookUp(false, '93.184.216.34', true)).resolves.toMatchObject({
      error: null,
      address: [{ address: '93.184.216.34', family: 4 }],
    });
  });

  it('refuses to connect to a forbidden address, naming the host', async () => {
    for (const host of ['127.0.0.1', '169.254.169.254', '::1']) {
      const { error, address } = await lookUp(false, host);
      expect(error).toBeInstanceOf(ForbiddenAddressError);
      expect(error).toMatchObject({ code: 'EFORBIDDENADDRESS', message: `${host} resolves to a forbidden address` });
      expect(address).toBe('');
    }
  });

  it('connects anywhere when private networks are allowed (development and tests)', async () => {
    await expect(lookUp(true, '127.0.0.1')).resolves.toEqual({ error: null, address: '127.0.0.1', family: 4 });
  });
});
