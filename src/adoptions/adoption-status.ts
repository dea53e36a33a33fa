/** Where an organisation stands with a routine. */
export enum AdoptionStatus {
  Planned = 'planned',
  Implementing = 'implementing',
  Adopted = 'adopted',
  Discontinued = 'discontinued',
}

export const ADOPTION_STATUSES = Object.values(AdoptionStatus);

/** A new adoption starts in any status but discontinued. */
export const INITIAL_STATUSES: readonly AdoptionStatus[] = [
  AdoptionStatus.Planned,
  AdoptionStatus.Implementing,
  AdoptionStatus.Adopted,
];

/**
 * The moves an adoption may make. Forward only, and steps may be skipped: an organisation can approve a routine it
 * already practises (planned → adopted) or drop a plan (planned → discontinued). Discontinued is final; taking a
 * routine up again is a new adoption. Going back (adopted → implementing) is refused: discontinue instead.
 */
const NEXT: Record<AdoptionStatus, readonly AdoptionStatus[]> = {
  [AdoptionStatus.Planned]: [AdoptionStatus.Implementing, AdoptionStatus.Adopted, AdoptionStatus.Discontinued],
  [AdoptionStatus.Implementing]: [AdoptionStatus.Adopted, AdoptionStatus.Discontinued],
  [AdoptionStatus.Adopted]: [AdoptionStatus.Discontinued],
  [AdoptionStatus.Discontinued]: [],
};

export const canMove = (from: AdoptionStatus, to: AdoptionStatus): boolean => NEXT[from].includes(to);

/** The level that approved an adopted routine, lowest first: unit head, management (förvaltningsledning), board (nämnd), council (fullmäktige). */
export const APPROVAL_LEVELS = ['unit', 'management', 'board', 'council'] as const;
export type ApprovalLevel = (typeof APPROVAL_LEVELS)[number];

/** The levels at or above the given one. */
export const approvalLevelsFrom = (lowest: ApprovalLevel): ApprovalLevel[] =>
  APPROVAL_LEVELS.slice(APPROVAL_LEVELS.indexOf(lowest));
