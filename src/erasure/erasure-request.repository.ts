import type { EntityManager } from 'typeorm';
import type { PersonalDataKind } from '../privacy/personal-data-detector';
import type { ErasureTarget } from './erasure-target';
import type { ErasureReasonCode, ErasureStatus } from './erasure-rules';

export interface ErasureRequest extends ErasureTarget {
  id: string;
  kind: PersonalDataKind;
  reasonCode: ErasureReasonCode;
  status: ErasureStatus;
  requestedBy: string;
  requestedAt: Date;
  decidedBy: string | null;
  decidedAt: Date | null;
}

interface ErasureRequestRow {
  id: string;
  target_table: string;
  target_column: string;
  row_key: Record<string, string>;
  path: ErasureTarget['path'];
  target: ErasureTarget['target'];
  kind: PersonalDataKind;
  reason_code: ErasureReasonCode;
  status: ErasureStatus;
  requested_by: string;
  requested_at: Date;
  decided_by: string | null;
  decided_at: Date | null;
}

const toRequest = (row: ErasureRequestRow): ErasureRequest => ({
  id: row.id,
  table: row.target_table,
  column: row.target_column,
  row: row.row_key,
  path: row.path,
  target: row.target,
  kind: row.kind,
  reasonCode: row.reason_code,
  status: row.status,
  requestedBy: row.requested_by,
  requestedAt: row.requested_at,
  decidedBy: row.decided_by,
  decidedAt: row.decided_at,
});

/** All SQL of the erasure_request table. */
export const erasureRequests = {
  /** Inserts a pending request; null when the same target already has one pending. */
  async insert(
    manager: EntityManager,
    request: ErasureTarget & { kind: PersonalDataKind; reasonCode: ErasureReasonCode; requestedBy: string },
  ): Promise<ErasureRequest | null> {
    const rows = await manager.query<ErasureRequestRow[]>(
      `INSERT INTO erasure_request (target_table, target_column, row_key, path, target, kind, reason_code, requested_by)
       VALUES ($1, $2, $3::jsonb, $4::jsonb, $5, $6, $7, $8)
       ON CONFLICT (target_table, target_column, row_key, path, target) WHERE status = 'pending' DO NOTHING
       RETURNING *`,
      [
        request.table,
        request.column,
        JSON.stringify(request.row),
        JSON.stringify(request.path),
        request.target,
        request.kind,
        request.reasonCode,
        request.requestedBy,
      ],
    );
    return rows[0] ? toRequest(rows[0]) : null;
  },

  async find(manager: EntityManager, id: string, lock = false): Promise<ErasureRequest | null> {
    const rows = await manager.query<ErasureRequestRow[]>(
      `SELECT * FROM erasure_request WHERE id = $1 ${lock ? 'FOR UPDATE' : ''}`,
      [id],
    );
    return rows[0] ? toRequest(rows[0]) : null;
  },

  /** Oldest first, keyset on (requested_at, id). */
  async list(
    manager: EntityManager,
    options: { status?: ErasureStatus; after?: { requestedAt: string; id: string }; limit: number },
  ): Promise<ErasureRequest[]> {
    const rows = await manager.query<ErasureRequestRow[]>(
      `SELECT * FROM erasure_request
        WHERE ($1::text IS NULL OR status = $1) AND ($2::timestamptz IS NULL OR (requested_at, id) > ($2::timestamptz, $3::uuid))
        ORDER BY requested_at, id LIMIT $4`,
      [options.status ?? null, options.after?.requestedAt ?? null, options.after?.id ?? null, options.limit],
    );
    return rows.map(toRequest);
  },

  /** Performed or rejected by `decidedBy`, or withdrawn (decidedBy null) by its requester. */
  async decide(
    manager: EntityManager,
    id: string,
    status: Exclude<ErasureStatus, 'pending'>,
    decidedBy: string | null,
  ): Promise<ErasureRequest> {
    const [row] = await manager.query<[ErasureRequestRow[], number]>(
      `UPDATE erasure_request SET status = $2, decided_by = $3, decided_at = now() WHERE id = $1 RETURNING *`,
      [id, status, decidedBy],
    );
    return toRequest(row[0]);
  },
};
