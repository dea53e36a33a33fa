import { AdoptionStatus, approvalLevelsFrom, canMove } from './adoption-status';

const { Planned, Implementing, Adopted, Discontinued } = AdoptionStatus;

describe('canMove', () => {
  it.each([
    [Planned, Implementing],
    [Planned, Adopted],
    [Planned, Discontinued],
    [Implementing, Adopted],
    [Implementing, Discontinued],
    [Adopted, Discontinued],
  ])('allows %s → %s', (from, to) => {
    expect(canMove(from, to)).toBe(true);
  });

  it.each([
    [Implementing, Planned],
    [Adopted, Planned],
    [Adopted, Implementing],
    [Discontinued, Planned],
    [Discontinued, Implementing],
    [Discontinued, Adopted],
    [Planned, Planned],
    [Adopted, Adopted],
  ])('refuses %s → %s', (from, to) => {
    expect(canMove(from, to)).toBe(false);
  });
});

describe('approvalLevelsFrom', () => {
  it('lists the level and those above it', () => {
    expect(approvalLevelsFrom('management')).toEqual(['management', 'board', 'council']);
    expect(approvalLevelsFrom('unit')).toEqual(['unit', 'management', 'board', 'council']);
    expect(approvalLevelsFrom('council')).toEqual(['council']);
  });
});
