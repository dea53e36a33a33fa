// Parses BPMN 2.0 XML from stdin with bpmn-moddle and lints it with bpmnlint's recommended rules; prints JSON
// { warnings, reports }. A child process: bpmn-moddle is ESM-only, which Jest's module loader cannot require.
import { BpmnModdle } from 'bpmn-moddle';
import bpmnlint from 'bpmnlint';
import NodeResolver from 'bpmnlint/lib/resolver/node-resolver.js';

const chunks = [];
for await (const chunk of process.stdin) chunks.push(chunk);
const xml = Buffer.concat(chunks).toString('utf8');

const moddle = new BpmnModdle();
const { rootElement, warnings } = await moddle.fromXML(xml, 'bpmn:Definitions');
const linter = new bpmnlint.Linter({ config: { extends: 'bpmnlint:recommended' }, resolver: new NodeResolver() });
const results = await linter.lint(rootElement);
const reports = Object.entries(results).flatMap(([rule, found]) =>
  found.map((report) => ({ rule, id: report.id, message: report.message, category: report.category })),
);
const count = (type) =>
  rootElement.rootElements.flatMap((root) => root.flowElements ?? []).filter((e) => e.$type === type).length;
const process_ = rootElement.rootElements.find((root) => root.$type === 'bpmn:Process');
const plane = rootElement.diagrams[0]?.plane;
process.stdout.write(
  JSON.stringify({
    warnings: warnings.map((warning) => warning.message),
    reports,
    userTasks: count('bpmn:UserTask'),
    exclusiveGateways: count('bpmn:ExclusiveGateway'),
    parallelGateways: count('bpmn:ParallelGateway'),
    boundaryEvents: count('bpmn:BoundaryEvent'),
    conditionalFlows: process_.flowElements.filter((e) => e.$type === 'bpmn:SequenceFlow' && e.conditionExpression)
      .length,
    lanes: (process_.laneSets?.[0]?.lanes ?? []).map((lane) => lane.name),
    shapes: (plane?.planeElement ?? []).filter((e) => e.$type === 'bpmndi:BPMNShape' && e.bounds).length,
    edges: (plane?.planeElement ?? []).filter((e) => e.$type === 'bpmndi:BPMNEdge' && e.waypoint?.length >= 2).length,
  }),
);
