import type { OrganizationType } from '../organizations/organization-type';
import type { RoutineDefinition, RoutineStepDefinition, StepCondition } from './routine-definition';

/** Swedish names of the organisation types, for the lanes of a diagram. */
export const ORGANIZATION_TYPE_NAMES: Readonly<Record<OrganizationType, string>> = {
  social_services: 'Socialtjänst',
  police: 'Polis',
  healthcare: 'Hälso- och sjukvård',
  school: 'Skola',
  prosecution: 'Åklagare',
  prison_probation: 'Kriminalvård',
  womens_shelter: 'Kvinno- och tjejjour',
  county_board: 'Länsstyrelse',
  other: 'Annan aktör',
};

export type ProcessNodeKind = 'start' | 'end' | 'task' | 'parallel' | 'exclusive' | 'timer' | 'escalated';

export interface ProcessNode {
  id: string;
  kind: ProcessNodeKind;
  name: string | null;
  lane: OrganizationType;
  /** For a timer: the task it is attached to, and when it fires. */
  attachedTo?: string;
  timeDuration?: string;
  documentation?: string;
  /** For an exclusive gateway that splits: its default flow. */
  defaultFlow?: string;
}

export interface ProcessFlow {
  id: string;
  source: string;
  target: string;
  name: string | null;
  /** A condition expression (the flow into a conditional step). */
  condition: string | null;
}

/** A routine as a process: tasks, gateways, events and sequence flows, each node in the lane of its organisation type. */
export interface ProcessModel {
  lanes: OrganizationType[];
  nodes: ProcessNode[];
  flows: ProcessFlow[];
}

/** `risk_assessment: high, moderate`: what a condition asks for, as a label. */
export function conditionLabel(conditions: readonly StepCondition[]): string {
  return conditions
    .map((condition) => {
      const parts = [
        ...(condition.outcomeIn ? [`utfall ${condition.outcomeIn.join(' eller ')}`] : []),
        ...(condition.levelIn ? [`nivå ${condition.levelIn.join(' eller ')}`] : []),
      ];
      return `${condition.step}: ${parts.join(', ')}`;
    })
    .join('; ');
}

/** A FEEL-like expression of the conditions, e.g. `risk_assessment.level in ["high"]`. */
export function conditionExpression(conditions: readonly StepCondition[]): string {
  const list = (codes: string[]) => `[${codes.map((code) => `"${code}"`).join(', ')}]`;
  return conditions
    .flatMap((condition) => [
      ...(condition.outcomeIn ? [`${condition.step}.outcome in ${list(condition.outcomeIn)}`] : []),
      ...(condition.levelIn ? [`${condition.step}.level in ${list(condition.levelIn)}`] : []),
    ])
    .join(' and ');
}

/**
 * The process of a routine. Each step is a user task; more than one dependency is joined by a parallel gateway,
 * more than one dependent forked by one; a conditional step sits between an exclusive gateway (the condition as
 * expression, a default flow around the task when it does not hold) and an exclusive merge; an escalation is a
 * non-interrupting timer on the task leading to an end event. Start and end events close the graph.
 */
export function processModel(definition: RoutineDefinition): ProcessModel {
  const steps = definition.steps;
  const lanes = [...new Set(steps.map((step) => step.responsibleOrganizationType))];
  const nodes: ProcessNode[] = [];
  const flows: ProcessFlow[] = [];
  const flow = (source: string, target: string, name: string | null = null, condition: string | null = null) => {
    const id = `Flow_${flows.length + 1}`;
    flows.push({ id, source, target, name, condition });
    return id;
  };
  const node = (value: ProcessNode) => {
    nodes.push(value);
    return value.id;
  };
  const dependents = (key: string) => steps.filter((step) => step.dependsOn.includes(key));
  const entries = new Map<string, string>();
  const exits = new Map<string, string>();

  for (const step of steps) {
    const lane = step.responsibleOrganizationType;
    const task = node({ id: `Task_${step.key}`, kind: 'task', name: step.title, lane });
    let entry = task;
    let exit = task;
    if (step.when && step.when.length > 0) {
      const gateway = node({ id: `Condition_${step.key}`, kind: 'exclusive', name: `Villkor för ${step.title}`, lane });
      const merge = node({ id: `Merge_${step.key}`, kind: 'exclusive', name: null, lane });
      flow(gateway, task, conditionLabel(step.when), conditionExpression(step.when));
      const otherwise = flow(gateway, merge, 'Villkoret uppfylls inte');
      (nodes.find((candidate) => candidate.id === gateway) as ProcessNode).defaultFlow = otherwise;
      flow(task, merge);
      entry = gateway;
      exit = merge;
    }
    if (step.dependsOn.length > 1) {
      const join = node({ id: `Join_${step.key}`, kind: 'parallel', name: null, lane });
      flow(join, entry);
      entry = join;
    }
    if (dependents(step.key).length > 1) {
      const fork = node({ id: `Fork_${step.key}`, kind: 'parallel', name: null, lane });
      flow(exit, fork);
      exit = fork;
    }
    entries.set(step.key, entry);
    exits.set(step.key, exit);
    if (step.escalateAfter) {
      addEscalation(step, node, flow);
    }
  }
  for (const step of steps) {
    for (const dependency of step.dependsOn) {
      flow(exits.get(dependency) as string, entries.get(step.key) as string);
    }
  }
  closeWithEvents(steps, node, flow, entries, exits, dependents);
  return { lanes, nodes, flows };
}

function addEscalation(
  step: RoutineStepDefinition,
  node: (value: ProcessNode) => string,
  flow: (source: string, target: string) => string,
): void {
  const lane = step.responsibleOrganizationType;
  const timer = node({
    id: `Timer_${step.key}`,
    kind: 'timer',
    name: `Eskalering efter ${step.escalateAfter}`,
    lane,
    attachedTo: `Task_${step.key}`,
    timeDuration: step.escalateAfter as string,
    documentation: `Fires ${step.escalateAfter} after the due time (${step.dueAfter}${step.workingDays ? ' working days' : ''} from ${step.dueFrom === 'case_start' ? 'the case start' : 'the dependencies being done'}).`,
  });
  const escalated = node({ id: `Escalated_${step.key}`, kind: 'escalated', name: `Eskalerat: ${step.title}`, lane });
  flow(timer, escalated);
}

function closeWithEvents(
  steps: readonly RoutineStepDefinition[],
  node: (value: ProcessNode) => string,
  flow: (source: string, target: string) => string,
  entries: ReadonlyMap<string, string>,
  exits: ReadonlyMap<string, string>,
  dependents: (key: string) => RoutineStepDefinition[],
): void {
  const sources = steps.filter((step) => step.dependsOn.length === 0);
  const sinks = steps.filter((step) => dependents(step.key).length === 0);
  const start = node({
    id: 'Start',
    kind: 'start',
    name: 'Ärendet öppnas',
    lane: sources[0].responsibleOrganizationType,
  });
  const fork =
    sources.length > 1
      ? node({ id: 'Fork_start', kind: 'parallel', name: null, lane: sources[0].responsibleOrganizationType })
      : start;
  if (fork !== start) {
    flow(start, fork);
  }
  for (const source of sources) {
    flow(fork, entries.get(source.key) as string);
  }
  const lastLane = sinks[sinks.length - 1].responsibleOrganizationType;
  const end = node({ id: 'End', kind: 'end', name: 'Rutinen är genomförd', lane: lastLane });
  const join = sinks.length > 1 ? node({ id: 'Join_end', kind: 'parallel', name: null, lane: lastLane }) : end;
  if (join !== end) {
    flow(join, end);
  }
  for (const sink of sinks) {
    flow(exits.get(sink.key) as string, join);
  }
}
