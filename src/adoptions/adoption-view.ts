import { EntityManager, In } from 'typeorm';
import { agreementWindow, isCurrentAgreement } from './collaboration-agreement-rule';
import { isFollowUpOverdue } from './adoption-review';
import { swedishDay } from '../common/time/swedish-time';
import type { RoutinesRepository } from '../routines/routines.repository';
import type { AdoptionDto } from './dto/adoption.dto';
import type { Adoption } from './entities/adoption.entity';
import { AdoptionPartner } from './entities/adoption-partner.entity';

/** The partner organisations of each adoption. */
export async function partnersOf(manager: EntityManager, adoptionIds: string[]): Promise<Map<string, string[]>> {
  const rows = adoptionIds.length
    ? await manager.find(AdoptionPartner, { where: { adoptionId: In(adoptionIds) } })
    : [];
  const partners = new Map(adoptionIds.map((id) => [id, [] as string[]]));
  for (const row of rows) {
    partners.get(row.adoptionId)?.push(row.organizationId);
  }
  for (const ids of partners.values()) {
    ids.sort();
  }
  return partners;
}

/** Adoptions as the API shows them, with partners, the adopted version's title and the derived review facts. */
export async function adoptionViews(
  manager: EntityManager,
  routines: RoutinesRepository,
  adoptions: Adoption[],
  now = new Date(),
): Promise<AdoptionDto[]> {
  if (adoptions.length === 0) {
    return [];
  }
  const partners = await partnersOf(
    manager,
    adoptions.map((a) => a.id),
  );
  const titleOf = await routines.titles(
    manager,
    adoptions.map((a) => ({ routineId: a.routineId, version: a.routineVersion })),
  );
  const today = swedishDay(now);
  const window = agreementWindow(today);
  return adoptions.map((adoption) => ({
    id: adoption.id,
    routineId: adoption.routineId,
    version: adoption.routineVersion,
    routineTitle: titleOf.get(`${adoption.routineId}/${adoption.routineVersion}`) ?? '',
    organizationId: adoption.organizationId,
    partnerOrganizationIds: partners.get(adoption.id) ?? [],
    status: adoption.status,
    approvedAt: adoption.approvedAt,
    approvedBy: adoption.approvedBy,
    reviewIntervalMonths: adoption.reviewIntervalMonths,
    lastFollowUpAt: adoption.lastFollowUpAt,
    nextReviewDueAt: adoption.nextReviewDueAt,
    followUpOverdue: isFollowUpOverdue(adoption.status, adoption.nextReviewDueAt, today),
    currentAgreement: isCurrentAgreement(
      { ...adoption, followUpsPerformedAt: adoption.lastFollowUpAt ? [adoption.lastFollowUpAt] : [] },
      window,
    ),
    discontinuedAt: adoption.discontinuedAt,
    createdAt: adoption.createdAt,
    updatedAt: adoption.updatedAt,
  }));
}
