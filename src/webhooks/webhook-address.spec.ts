import { isForbiddenAddress } from './webhook-address';

describe('isForbiddenAddress', () => {
  it.each([
    '127.0.0.1',
    '127.10.0.5',
    '10.1.2.3',
    '172.16.0.1',
    '172.31.255.255',
    '192.168.1.1',
    '169.254.169.254',
    '100.64.0.1',
    '0.0.0.0',
    '224.0.0.1',
    '255.255.255.255',
    '::1',
    '::',
    'fe80::1',
    'fc00::1',
    'fd00:ec2::254',
    'ff02::1',
    '::ffff:127.0.0.1',
    '::ffff:7f00:1',
    '::ffff:169.254.169.254',
    '64:ff9b::a00:1',
    '2002:c0a8:101::1',
    'not-an-ip',
    // The same, written out in full or otherwise: the words decide, not the spelling.
    '0:0:0:0:0:ffff:7f00:1',
    '0000:0000:0000:0000:0000:ffff:0a00:0001',
    '::FFFF:A9FE:A9FE',
    '0064:ff9b:0:0:0:0:c0a8:0101',
    // IPv4-compatible (deprecated) and local-use NAT64.
    '::127.0.0.1',
    '::7f00:1',
    '::a00:1',
    '64:ff9b:1::a00:1',
    '64:ff9b:1::808:808',
    '2001:0:4136:e378:8000:63bf:3fff:fdd2',
    '2001::1',
    '2001:0000:c000:0201::ffff:ffff',
    // IPv4-translated (SIIT).
    '::ffff:0:7f00:1',
    '::ffff:0:10.0.0.1',
    // Zone ids are not part of the address.
    '::ffff:127.0.0.1%8.8.8.8',
    'fe80::1%eth0',
    'fe80::1%a:b:c:d:e:f:0:1',
  ])('refuses %s', (address) => {
    expect(isForbiddenAddress(address)).toBe(true);
  });

  it.each([
    '93.184.216.34',
    '8.8.8.8',
    '172.32.0.1',
    '2606:4700::1111',
    '2a00:1450:4001:82a::200e',
    '2001:4860:4860::8888',
    '::ffff:8.8.8.8',
    '0:0:0:0:0:ffff:808:808',
    '64:ff9b::808:808',
    '2002:808:808::1',
    '2606:4700::1111%eth0',
    '::ffff:0:808:808',
  ])('allows %s', (address) => {
    expect(isForbiddenAddress(address)).toBe(false);
  });
});
