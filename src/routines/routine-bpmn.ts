import type { OrganizationType } from '../organizations/organization-type';
import type { RoutineDefinition } from './routine-definition';
import { ORGANIZATION_TYPE_NAMES, ProcessFlow, ProcessModel, processModel, ProcessNode } from './routine-process-model';

const SIZE: Readonly<Record<ProcessNode['kind'], { width: number; height: number }>> = {
  start: { width: 36, height: 36 },
  end: { width: 36, height: 36 },
  escalated: { width: 36, height: 36 },
  timer: { width: 36, height: 36 },
  task: { width: 100, height: 80 },
  parallel: { width: 50, height: 50 },
  exclusive: { width: 50, height: 50 },
};
const COLUMN = 160;
const ROW = 120;
const POOL_X = 100;
const LANE_X = POOL_X + 30;
const FIRST_CENTER_X = LANE_X + 70;

interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

const xml = (value: string) =>
  value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/**
 * A simple layered layout: a node's column is its longest path from the start (an escalation's end event one column
 * after its task), its lane is its organisation type's, and nodes sharing a lane and column are stacked in rows.
 * Timers sit on the lower edge of their task.
 */
export function layout(model: ProcessModel): { boxes: Map<string, Box>; lanes: Map<OrganizationType, Box>; pool: Box } {
  const column = new Map<string, number>();
  const incoming = (id: string) => model.flows.filter((flow) => flow.target === id);
  const columnOf = (node: ProcessNode): number => {
    const known = column.get(node.id);
    if (known !== undefined) {
      return known;
    }
    const byId = (id: string) => model.nodes.find((candidate) => candidate.id === id) as ProcessNode;
    const value =
      node.kind === 'timer'
        ? columnOf(byId(node.attachedTo as string))
        : Math.max(-1, ...incoming(node.id).map((flow) => columnOf(byId(flow.source)))) + 1;
    column.set(node.id, value);
    return value;
  };
  const rows = new Map<string, number>();
  const slots = new Map<string, number>();
  for (const node of model.nodes) {
    if (node.kind !== 'timer') {
      const slot = `${node.lane}|${columnOf(node)}`;
      rows.set(node.id, slots.get(slot) ?? 0);
      slots.set(slot, (slots.get(slot) ?? 0) + 1);
    } else {
      columnOf(node);
    }
  }
  const laneRows = (lane: OrganizationType) =>
    Math.max(1, ...[...slots].filter(([slot]) => slot.startsWith(`${lane}|`)).map(([, count]) => count));
  const columns = Math.max(...column.values()) + 1;
  const width = LANE_X - POOL_X + 70 + columns * COLUMN;
  const lanes = new Map<OrganizationType, Box>();
  let y = 80;
  for (const lane of model.lanes) {
    const height = laneRows(lane) * ROW;
    lanes.set(lane, { x: LANE_X, y, width: width - (LANE_X - POOL_X), height });
    y += height;
  }
  const pool = { x: POOL_X, y: 80, width, height: y - 80 };
  const boxes = new Map<string, Box>();
  for (const node of model.nodes.filter((candidate) => candidate.kind !== 'timer')) {
    const size = SIZE[node.kind];
    const centerX = FIRST_CENTER_X + (column.get(node.id) as number) * COLUMN;
    const centerY = (lanes.get(node.lane) as Box).y + (rows.get(node.id) as number) * ROW + ROW / 2;
    boxes.set(node.id, { x: centerX - size.width / 2, y: centerY - size.height / 2, ...size });
  }
  for (const timer of model.nodes.filter((candidate) => candidate.kind === 'timer')) {
    const task = boxes.get(timer.attachedTo as string) as Box;
    boxes.set(timer.id, { x: task.x + task.width - 46, y: task.y + task.height - 18, ...SIZE.timer });
  }
  return { boxes, lanes, pool };
}

function waypoints(flow: ProcessFlow, boxes: ReadonlyMap<string, Box>, fromTimer: boolean): [number, number][] {
  const source = boxes.get(flow.source) as Box;
  const target = boxes.get(flow.target) as Box;
  const targetY = target.y + target.height / 2;
  if (fromTimer) {
    const x = source.x + source.width / 2;
    const below = source.y + source.height + 12;
    return [
      [x, source.y + source.height],
      [x, below],
      [target.x + target.width / 2, below],
      [target.x + target.width / 2, below < target.y ? target.y : target.y + target.height],
    ];
  }
  const start: [number, number] = [source.x + source.width, source.y + source.height / 2];
  const end: [number, number] = [target.x, targetY];
  if (start[1] === end[1]) {
    return [start, end];
  }
  const middle = Math.round((start[0] + end[0]) / 2);
  return [start, [middle, start[1]], [middle, end[1]], end];
}

function flowNodeXml(node: ProcessNode, model: ProcessModel): string {
  const incoming = model.flows.filter((flow) => flow.target === node.id).map((flow) => flow.id);
  const outgoing = model.flows.filter((flow) => flow.source === node.id).map((flow) => flow.id);
  const name = node.name === null ? '' : ` name="${xml(node.name)}"`;
  const refs = [
    ...incoming.map((id) => `<bpmn:incoming>${id}</bpmn:incoming>`),
    ...outgoing.map((id) => `<bpmn:outgoing>${id}</bpmn:outgoing>`),
  ].join('');
  switch (node.kind) {
    case 'start':
      return `<bpmn:startEvent id="${node.id}"${name}>${refs}</bpmn:startEvent>`;
    case 'end':
    case 'escalated':
      return `<bpmn:endEvent id="${node.id}"${name}>${refs}</bpmn:endEvent>`;
    case 'task':
      return `<bpmn:userTask id="${node.id}"${name}>${refs}</bpmn:userTask>`;
    case 'parallel':
      return `<bpmn:parallelGateway id="${node.id}"${name}>${refs}</bpmn:parallelGateway>`;
    case 'exclusive': {
      const fallback = node.defaultFlow ? ` default="${node.defaultFlow}"` : '';
      return `<bpmn:exclusiveGateway id="${node.id}"${name}${fallback}>${refs}</bpmn:exclusiveGateway>`;
    }
    case 'timer':
      return (
        `<bpmn:boundaryEvent id="${node.id}"${name} attachedToRef="${node.attachedTo}" cancelActivity="false">` +
        `<bpmn:documentation>${xml(node.documentation ?? '')}</bpmn:documentation>${refs}` +
        `<bpmn:timerEventDefinition id="${node.id}_definition"><bpmn:timeDuration xsi:type="bpmn:tFormalExpression">${xml(node.timeDuration ?? '')}</bpmn:timeDuration></bpmn:timerEventDefinition>` +
        `</bpmn:boundaryEvent>`
      );
  }
}

function sequenceFlowXml(flow: ProcessFlow): string {
  const name = flow.name === null ? '' : ` name="${xml(flow.name)}"`;
  const head = `<bpmn:sequenceFlow id="${flow.id}"${name} sourceRef="${flow.source}" targetRef="${flow.target}"`;
  return flow.condition === null
    ? `${head} />`
    : `${head}><bpmn:conditionExpression xsi:type="bpmn:tFormalExpression">${xml(flow.condition)}</bpmn:conditionExpression></bpmn:sequenceFlow>`;
}

const boundsXml = (box: Box) => `<dc:Bounds x="${box.x}" y="${box.y}" width="${box.width}" height="${box.height}" />`;

/**
 * BPMN 2.0 XML of a routine: one pool with a lane per responsible organisation type, and BPMN DI so that it opens
 * laid out in bpmn.io or Camunda Modeler. Generated as text: bpmn-moddle is ESM-only and is used in tests to parse
 * and lint the result.
 */
export function routineBpmn(definition: RoutineDefinition, id: { routineId: string; version: number | null }): string {
  const model = processModel(definition);
  const { boxes, lanes, pool } = layout(model);
  const processId = 'Process_routine';
  const laneXml = model.lanes
    .map(
      (lane) =>
        `<bpmn:lane id="Lane_${lane}" name="${xml(ORGANIZATION_TYPE_NAMES[lane])}">` +
        model.nodes
          .filter((node) => node.lane === lane)
          .map((node) => `<bpmn:flowNodeRef>${node.id}</bpmn:flowNodeRef>`)
          .join('') +
        `</bpmn:lane>`,
    )
    .join('');
  const timers = new Set(model.nodes.filter((node) => node.kind === 'timer').map((node) => node.id));
  const shapes = [
    `<bpmndi:BPMNShape id="Participant_routine_di" bpmnElement="Participant_routine" isHorizontal="true">${boundsXml(pool)}</bpmndi:BPMNShape>`,
    ...model.lanes.map(
      (lane) =>
        `<bpmndi:BPMNShape id="Lane_${lane}_di" bpmnElement="Lane_${lane}" isHorizontal="true">${boundsXml(lanes.get(lane) as Box)}</bpmndi:BPMNShape>`,
    ),
    ...model.nodes.map((node) => {
      const marker = node.kind === 'exclusive' ? ' isMarkerVisible="true"' : '';
      return `<bpmndi:BPMNShape id="${node.id}_di" bpmnElement="${node.id}"${marker}>${boundsXml(boxes.get(node.id) as Box)}</bpmndi:BPMNShape>`;
    }),
    ...model.flows.map(
      (flow) =>
        `<bpmndi:BPMNEdge id="${flow.id}_di" bpmnElement="${flow.id}">` +
        waypoints(flow, boxes, timers.has(flow.source))
          .map(([x, y]) => `<di:waypoint x="${x}" y="${y}" />`)
          .join('') +
        `</bpmndi:BPMNEdge>`,
    ),
  ];
  const version = id.version === null ? 'draft' : `version ${id.version}`;
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:bpmndi="http://www.omg.org/spec/BPMN/20100524/DI" xmlns:dc="http://www.omg.org/spec/DD/20100524/DC" xmlns:di="http://www.omg.org/spec/DD/20100524/DI" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"' +
      ` id="Definitions_routine" targetNamespace="urn:samverkan:routine:${id.routineId}" exporter="Samverkan" exporterVersion="${version}">`,
    `<bpmn:collaboration id="Collaboration_routine"><bpmn:participant id="Participant_routine" name="${xml(definition.title)}" processRef="${processId}" /></bpmn:collaboration>`,
    `<bpmn:process id="${processId}" name="${xml(definition.title)}" isExecutable="false">`,
    `<bpmn:laneSet id="LaneSet_routine">${laneXml}</bpmn:laneSet>`,
    ...model.nodes.map((node) => flowNodeXml(node, model)),
    ...model.flows.map(sequenceFlowXml),
    '</bpmn:process>',
    `<bpmndi:BPMNDiagram id="Diagram_routine"><bpmndi:BPMNPlane id="Plane_routine" bpmnElement="Collaboration_routine">`,
    ...shapes,
    '</bpmndi:BPMNPlane></bpmndi:BPMNDiagram>',
    '</bpmn:definitions>',
    '',
  ].join('\n');
}
