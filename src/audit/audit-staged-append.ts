import type { DataSource } from 'typeorm';
import { chainHash, contentHash } from './audit-chain';
import { insertStagedEvents, lockChainHead, readStagedEvents } from './audit-event.repository';

const BATCH_SIZE = 20_000;

/**
 * Appends a history staged in `table` (audit_event's columns but the hashes; sequences following the head without
 * gaps) to the chain in one transaction that holds the head's lock throughout: each event's content hash and link
 * are computed here by the chain's own rules (audit-chain.ts), a batch at a time. Everything runs on the
 * transaction's own connection (embedded mode serves one transaction at a time). For bulk loads (seed:scale); a
 * service appends through AuditService.
 */
export async function appendStagedEvents(
  dataSource: DataSource,
  table: string,
  progress: (appended: number) => void = () => undefined,
): Promise<number> {
  return dataSource.transaction(async (manager) => {
    const head = await lockChainHead(manager);
    let previous: Buffer = Buffer.from(head.hash, 'hex');
    let after = head.sequence;
    let appended = 0;
    for (;;) {
      const batch = await readStagedEvents(manager, table, after, BATCH_SIZE);
      if (batch.length === 0) {
        return appended;
      }
      if (batch[0].sequence !== after + 1) {
        throw new Error(`staged events must follow the chain head ${after} without a gap (found ${batch[0].sequence})`);
      }
      after = batch[batch.length - 1].sequence;
      const links = batch.map(({ sequence, content }) => {
        const ownHash = contentHash(content);
        const hash = chainHash(previous, ownHash);
        const link = {
          sequence,
          contentHash: ownHash.toString('hex'),
          prevHash: previous.toString('hex'),
          hash: hash.toString('hex'),
        };
        previous = hash;
        return link;
      });
      await insertStagedEvents(manager, table, links);
      appended += links.length;
      progress(appended);
    }
  });
}
