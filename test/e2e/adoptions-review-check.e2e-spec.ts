import { DateTime } from 'luxon';
import { Role } from '../../src/common/auth/role';
import { AdoptionReviewSubjectCheck } from '../../src/adoptions/adoption-review.check';
import { OrganizationType } from '../../src/organizations/organization-type';
import { Reminder } from '../../src/reminders/entities/reminder.entity';
import { bearer, createOrganization } from '../support/fixtures';
import { startTestApp, TestApp } from '../support/test-app';

describe('adoption review reminders, as the reminder worker re-reads them', () => {
  let t: TestApp;
  afterAll(() => t.close());

  it('apply while the adoption is adopted and due for review, and not once it is discontinued', async () => {
    t = await startTestApp();
    const org = await createOrganization(t.app, OrganizationType.SocialServices, '0187', [Role.Coordinator]);
    const token = org.users.coordinator.token;
    const routineId = (
      await t.http
        .post('/api/v1/routines')
        .set(bearer(token))
        .send({
          title: 'Rutin att följa upp',
          goals: [7],
          measures: ['7.3'],
          steps: [
            {
              key: 'review',
              title: 'Granska',
              responsibleOrganizationType: 'social_services',
              dueAfter: 'P5D',
              dueFrom: 'case_start',
              outcomeCodes: ['done'],
            },
          ],
        })
    ).body.id;
    await t.http.post(`/api/v1/routines/${routineId}/publish`).set(bearer(token)).expect(201);
    const approvedAt = DateTime.now().setZone('Europe/Stockholm').minus({ months: 7 }).toISODate();
    const adoption = await t.http.post('/api/v1/adoptions').set(bearer(token)).send({
      routineId,
      version: 1,
      organizationId: org.id,
      status: 'adopted',
      approvedAt,
      approvedBy: 'management',
      reviewIntervalMonths: 6,
    });
    expect(adoption.body.followUpOverdue).toBe(true);

    const check = new AdoptionReviewSubjectCheck();
    const reminder = await t.dataSource.manager.findOneByOrFail(Reminder, { adoptionId: adoption.body.id });
    expect(reminder).toMatchObject({ kind: 'review_due', subjectType: 'adoption', organizationId: org.id });
    expect(await check.stillApplicable(t.dataSource.manager, [reminder])).toEqual(
      new Map([
        [
          reminder.id,
          {
            caseId: null,
            caseNumber: null,
            stepKey: null,
            adoptionId: adoption.body.id,
            title: 'Rutin att följa upp',
            link: `/api/v1/adoptions/${adoption.body.id}`,
            dueAt: null,
            reviewDueOn: adoption.body.nextReviewDueAt,
          },
        ],
      ]),
    );

    await t.http
      .patch(`/api/v1/adoptions/${adoption.body.id}`)
      .set(bearer(token))
      .send({ status: 'discontinued' })
      .expect(200);
    expect((await check.stillApplicable(t.dataSource.manager, [reminder])).size).toBe(0);
  });
});
