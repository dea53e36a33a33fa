import type { EntityManager } from 'typeorm';
import { ChainVerification, ChainVerifier } from './audit-chain';
import { readCanonicalLinks, readChainHead } from './audit-event.repository';
import { readRedactions } from './audit-redaction';

/**
 * Batches small enough that their rows die young (a batch of 10,000 outlived V8's young generation, and garbage
 * collection was a quarter of the walk), large enough that the round trips do not show.
 */
export const VERIFY_BATCH_SIZE = 2_000;

/**
 * Walks the whole chain as `manager` sees it in sequence order, in keyset batches (the next one is fetched while
 * this one is hashed), and compares it with the recorded head. Give it one snapshot (inTrailSnapshot), so appends
 * made meanwhile neither show up half-way nor look like a broken head.
 */
export async function verifyChain(manager: EntityManager, batchSize = VERIFY_BATCH_SIZE): Promise<ChainVerification> {
  const head = await readChainHead(manager);
  const verifier = new ChainVerifier(await readRedactions(manager, head.sequence));
  let next = readCanonicalLinks(manager, 0, batchSize);
  for (;;) {
    const links = await next;
    const more = links.length === batchSize;
    if (more) {
      next = readCanonicalLinks(manager, links[links.length - 1].sequence, batchSize);
    }
    for (const link of links) {
      verifier.acceptCanonical(link);
    }
    if (!more) {
      return verifier.finish(head);
    }
  }
}
