import { OrganizationType } from '../organizations/organization-type';
import { layout } from './routine-bpmn';
import type { RoutineStepDefinition } from './routine-definition';
import { mermaidLabel } from './routine-mermaid';
import { conditionExpression, processModel } from './routine-process-model';

const step = (
  key: string,
  dependsOn: string[] = [],
  more: Partial<RoutineStepDefinition> = {},
): RoutineStepDefinition => ({
  key,
  title: `Steg ${key}`,
  responsibleOrganizationType: OrganizationType.SocialServices,
  dependsOn,
  dueAfter: 'P1D',
  dueFrom: dependsOn.length > 0 ? 'dependencies_done' : 'case_start',
  workingDays: false,
  remindBefore: null,
  escalateAfter: null,
  outcomeCodes: ['done'],
  ...more,
});
const model = (steps: RoutineStepDefinition[]) =>
  processModel({ title: 'R', description: null, goals: [2], measures: [], steps });
const kinds = (steps: RoutineStepDefinition[]) => model(steps).nodes.map((node) => node.id);

describe('processModel', () => {
  it('is start → task → end for one step, with no gateway', () => {
    expect(kinds([step('a')])).toEqual(['Task_a', 'Start', 'End']);
  });

  it('forks where a step has several dependents and joins where one has several dependencies', () => {
    expect(kinds([step('a'), step('b', ['a']), step('c', ['a']), step('d', ['b', 'c'])])).toEqual(
      expect.arrayContaining(['Fork_a', 'Join_d']),
    );
    expect(kinds([step('a'), step('b')])).toEqual(expect.arrayContaining(['Fork_start', 'Join_end']));
  });

  it('puts a conditional step between an exclusive split with a default flow and an exclusive merge', () => {
    const { nodes, flows } = model([step('a'), step('b', ['a'], { when: [{ step: 'a', outcomeIn: ['done'] }] })]);
    const split = nodes.find((node) => node.id === 'Condition_b');
    expect(split).toMatchObject({ kind: 'exclusive' });
    expect(flows.filter((flow) => flow.source === 'Condition_b').map((flow) => [flow.target, flow.condition])).toEqual([
      ['Task_b', 'a.outcome in ["done"]'],
      ['Merge_b', null],
    ]);
    expect(flows.find((flow) => flow.id === split?.defaultFlow)?.target).toBe('Merge_b');
  });

  it('escalates with a non-interrupting timer on the task, leading to its own end event', () => {
    const { nodes } = model([step('a', [], { escalateAfter: 'P2D' })]);
    expect(nodes.find((node) => node.kind === 'timer')).toMatchObject({ attachedTo: 'Task_a', timeDuration: 'P2D' });
    expect(nodes.filter((node) => node.kind === 'escalated')).toHaveLength(1);
  });
});

describe('layout', () => {
  it('places nodes in later columns than their sources and stacks nodes sharing a lane and column', () => {
    const built = model([step('a'), step('b', ['a']), step('c', ['a'])]);
    const { boxes, pool } = layout(built);
    const box = (id: string) => boxes.get(id) as { x: number; y: number };
    expect(box('Task_b').x).toBeGreaterThan(box('Task_a').x);
    expect(box('Task_b').x).toBe(box('Task_c').x);
    expect(box('Task_b').y).not.toBe(box('Task_c').y);
    for (const { x, y } of boxes.values()) {
      expect(x).toBeGreaterThan(pool.x);
      expect(y).toBeGreaterThan(pool.y);
    }
  });
});

describe('labels', () => {
  it('escapes what would end a Mermaid label or start markup', () => {
    expect(mermaidLabel('a "b" <c> | #d\n`e`')).toBe('a #quot;b#quot; #lt;c#gt; #124; #35;d #96;e#96;');
  });

  it('joins every condition with and', () => {
    expect(
      conditionExpression([
        { step: 'a', outcomeIn: ['x', 'y'], levelIn: ['high'] },
        { step: 'b', levelIn: ['low'] },
      ]),
    ).toBe('a.outcome in ["x", "y"] and a.level in ["high"] and b.level in ["low"]');
  });
});
