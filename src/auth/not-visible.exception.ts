import { DomainException, notFound } from '../common/http/domain.exception';
import type { NotFoundEntity } from '../common/http/problem-codes';

/**
 * A record that exists but lies outside the caller's organisations. The client gets exactly the answer of a
 * missing record (404, same code and text); the access-denied interceptor logs and counts it as denied access.
 */
export class NotVisibleException extends DomainException {}

export function notVisible(entity: NotFoundEntity): NotVisibleException {
  const { kind, code, detail } = notFound(entity);
  return new NotVisibleException(kind, code, detail);
}
