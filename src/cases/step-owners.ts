import { FieldError, unprocessable } from '../common/http/domain.exception';
import type { OrganizationType } from '../organizations/organization-type';
import type { RoutineStepDefinition } from '../routines/routine-definition';

export interface ParticipantOrganization {
  id: string;
  type: OrganizationType;
}

type OwnedStep = Pick<RoutineStepDefinition, 'key' | 'responsibleOrganizationType'>;

/**
 * The owner of each step: the participant whose type is the step's responsible organisation type. Where several
 * qualify, the one named in `chosen` (step key → organisation id), else the caller's organisation if it
 * qualifies. Every problem is collected into one 422 naming the steps and the missing types.
 */
export function assignOwners(
  steps: readonly OwnedStep[],
  participants: readonly ParticipantOrganization[],
  chosen: Readonly<Record<string, string>>,
  callerOrganizationId: string,
): Map<string, string> {
  const owners = new Map<string, string>();
  const errors: FieldError[] = [];
  const details: string[] = [];
  const stepKeys = new Set(steps.map((step) => step.key));
  for (const key of Object.keys(chosen).filter((key) => !stepKeys.has(key))) {
    errors.push({ field: `owners.${key}`, code: 'unknown_step' });
    details.push(`"${key}" is not a step of the routine`);
  }
  for (const step of steps) {
    const type = step.responsibleOrganizationType;
    const candidates = participants
      .filter((participant) => participant.type === type)
      .map((participant) => participant.id);
    const named = Object.hasOwn(chosen, step.key) ? chosen[step.key] : undefined;
    if (candidates.length === 0) {
      errors.push({ field: 'participants', code: 'missing_type', step: step.key, organizationType: type });
      details.push(`step "${step.key}" needs a participant of type ${type}`);
    } else if (named !== undefined && !candidates.includes(named)) {
      errors.push({ field: `owners.${step.key}`, code: 'not_qualified', step: step.key, organizationType: type });
      details.push(`the owner named for step "${step.key}" is not a participant of type ${type}`);
    } else if (named !== undefined || candidates.length === 1) {
      owners.set(step.key, named ?? candidates[0]);
    } else if (candidates.includes(callerOrganizationId)) {
      owners.set(step.key, callerOrganizationId);
    } else {
      errors.push({ field: `owners.${step.key}`, code: 'owner_required', step: step.key, organizationType: type });
      details.push(`several participants of type ${type} could own step "${step.key}": name one in owners`);
    }
  }
  if (errors.length > 0) {
    const missing = errors.some((error) => error.code === 'missing_type');
    throw unprocessable(
      missing ? 'case.step_without_owner' : 'case.step_owner',
      `${capitalise(details.join('; '))}.`,
      errors,
    );
  }
  return owners;
}

const capitalise = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);
