import type { RoutineDefinition } from './routine-definition';
import { conditionLabel, ORGANIZATION_TYPE_NAMES } from './routine-process-model';

/** Text safe inside a quoted Mermaid label: quotes, markup and separators as Mermaid's entity codes. */
export function mermaidLabel(value: string): string {
  return value
    .replace(/#/g, '#35;')
    .replace(/"/g, '#quot;')
    .replace(/</g, '#lt;')
    .replace(/>/g, '#gt;')
    .replace(/\|/g, '#124;')
    .replace(/`/g, '#96;')
    .replace(/[\r\n\t]+/g, ' ');
}

/** Node ids are prefixed: a step key may be a Mermaid keyword (`end`, `subgraph`). */
const nodeId = (key: string) => `step_${key}`;

/**
 * A Mermaid flowchart of a routine: one subgraph per responsible organisation type, an edge per dependency, the
 * conditions of a conditional step on its incoming edges (dotted), and escalations as notes on the steps.
 */
export function routineMermaid(definition: RoutineDefinition): string {
  const steps = definition.steps;
  const lanes = [...new Set(steps.map((step) => step.responsibleOrganizationType))];
  const lines = ['flowchart LR', '  routine_start(("Ärendet öppnas"))', '  routine_end(("Rutinen är genomförd"))'];
  for (const lane of lanes) {
    lines.push(`  subgraph lane_${lane}["${mermaidLabel(ORGANIZATION_TYPE_NAMES[lane])}"]`);
    for (const step of steps.filter((candidate) => candidate.responsibleOrganizationType === lane)) {
      const escalation = step.escalateAfter ? ` (eskaleras efter ${step.escalateAfter})` : '';
      lines.push(`    ${nodeId(step.key)}["${mermaidLabel(`${step.title}${escalation}`)}"]`);
    }
    lines.push('  end');
  }
  for (const step of steps) {
    const condition = step.when && step.when.length > 0 ? conditionLabel(step.when) : null;
    const arrow = condition === null ? '-->' : `-. "${mermaidLabel(condition)}" .->`;
    const sources = step.dependsOn.length > 0 ? step.dependsOn.map(nodeId) : ['routine_start'];
    for (const source of sources) {
      lines.push(`  ${source} ${arrow} ${nodeId(step.key)}`);
    }
  }
  for (const sink of steps.filter((step) => !steps.some((other) => other.dependsOn.includes(step.key)))) {
    lines.push(`  ${nodeId(sink.key)} --> routine_end`);
  }
  return `${lines.join('\n')}\n`;
}
