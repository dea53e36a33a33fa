import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { WEBHOOK_EVENT_TYPES } from './webhook-events';

describe('webhook events', () => {
  it('are the outbox catalogue: notifications first, then the case events in the order of a change', () => {
    expect(WEBHOOK_EVENT_TYPES).toEqual([
      'notification.created',
      'case.created',
      'case.step.activated',
      'case.step.completed',
      'case.step.skipped',
      'case.closed',
    ]);
  });

  it('are the ones the webhook documentation lists', () => {
    const docs = readFileSync(join(__dirname, '../../docs/reminders.md'), 'utf8');
    const listed = /^Events: ((?:`[a-z_.]+`[,.]?\s*)+)/m.exec(docs)?.[1] ?? '';
    expect([...listed.matchAll(/`([a-z_.]+)`/g)].map((match) => match[1])).toEqual([...WEBHOOK_EVENT_TYPES]);
  });
});
