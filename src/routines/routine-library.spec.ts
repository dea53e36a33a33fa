import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { STRATEGY_2020_2026 } from '../strategy/strategy-2020-2026';
import { toRoutineDefinition } from './dto/routine-definition.dto';
import { parseRoutineDocument, ROUTINE_LIBRARY } from './routine-library';
import { routineViolations, strategyIndex } from './routine-rules';
import { SEEDED_ASSESSMENT_METHODS } from '../assessment-methods/assessment-method-catalogue';
import { ROUTINE_DOCUMENT_SCHEMA, ROUTINE_DOCUMENT_SCHEMA_V1 } from './routine-schema';

const strategy = strategyIndex(
  new Map(STRATEGY_2020_2026.goals.flatMap((goal) => goal.measures.map((m) => [m.code, goal.number] as const))),
);
const ajv = new Ajv2020({ allErrors: true, strict: true });
addFormats(ajv);
const matchesSchema = ajv.compile(ROUTINE_DOCUMENT_SCHEMA_V1);
const matchesSchemaV2 = ajv.compile(ROUTINE_DOCUMENT_SCHEMA);
const methods = new Map(SEEDED_ASSESSMENT_METHODS.map((method) => [method.code, method.levels.map((l) => l.code)]));

type LibraryDocument = {
  format: string;
  routine: {
    title: string;
    goals: number[];
    measures: string[];
    steps: {
      key: string;
      responsibleOrganizationType: string;
      when?: { step: string; levelIn?: string[] }[];
      assessment?: { methods: string[] };
    }[];
  };
};
const library = ROUTINE_LIBRARY as LibraryDocument[];

describe('the starter library', () => {
  it.each(library.map((document) => [document.routine.title, document] as const))(
    '%s passes the import DTO, the privacy guard, the rules and the JSON Schema',
    async (_, raw) => {
      const document = await parseRoutineDocument(raw);
      expect(routineViolations(toRoutineDefinition(document.routine), strategy, methods)).toEqual([]);
      const schema = raw.format === 'samverkan.routine/v1' ? matchesSchema : matchesSchemaV2;
      expect(schema(raw) ? [] : schema.errors).toEqual([]);
    },
  );

  it('covers the six routines of the issue, each on its measures', () => {
    const byMeasures = Object.fromEntries(
      library.map((document) => [document.routine.measures.join(','), document.routine.goals]),
    );
    expect(byMeasures).toEqual({ '2.4,4.4': [2, 4], '2.1': [2], '2.3': [2], '3.2': [3], '6.1': [6], '7.3': [7] });
    expect(new Set(library.map((document) => document.routine.title)).size).toBe(6);
  });

  it('holds a joint risk conference when the perpetrator risk assessment is high', () => {
    const routine = library.find((d) => d.routine.measures.includes('2.1'))?.routine;
    const conference = routine?.steps.find((step) => step.key === 'joint_risk_conference');
    expect(conference?.when).toEqual([{ step: 'structured_risk_assessment', levelIn: ['high'] }]);
    const assessment = routine?.steps.find((step) => step.key === 'structured_risk_assessment')?.assessment;
    expect(assessment?.methods).toEqual(expect.arrayContaining(['sara_sv', 'b_safer']));
  });

  it('assesses with FREDA when the routine questions indicate violence', () => {
    const steps = library.find((d) => d.routine.measures.includes('3.2'))?.routine.steps ?? [];
    expect(steps[0].assessment).toEqual({ methods: ['freda_kortfragor'] });
    const freda = steps.find((step) => step.key === 'describe_exposure');
    expect(freda?.when).toEqual([{ step: 'ask_routine_questions', levelIn: ['indicated'] }]);
    expect(freda?.assessment?.methods).toEqual(['freda_farlighetsbedomning', 'freda_beskrivning']);
  });

  it('is checked by the privacy guard on the way in', async () => {
    const leaky = {
      ...library[0],
      routine: { ...library[0].routine, description: 'Frågor till samordnare@kommun.se' },
    };
    await expect(parseRoutineDocument(leaky)).rejects.toThrow('routine.description (personal_data)');
  });

  it('spreads the steps over the organisations that do them', () => {
    const types = (measure: string) =>
      new Set(
        library
          .find((d) => d.routine.measures.includes(measure))
          ?.routine.steps.map((s) => s.responsibleOrganizationType),
      );
    expect(types('2.4')).toEqual(new Set(['police', 'social_services']));
    expect(types('6.1')).toEqual(new Set(['police', 'prosecution', 'healthcare', 'social_services', 'other']));
    expect(types('3.2')).toEqual(new Set(['healthcare', 'social_services']));
  });
});

describe('the routine JSON Schema', () => {
  const valid = library[0];

  it('is a draft 2020-12 schema, in v1 and in v2', () => {
    expect(ROUTINE_DOCUMENT_SCHEMA_V1.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
    expect(ROUTINE_DOCUMENT_SCHEMA.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
  });

  it('v2 accepts conditions and assessments, and refuses a condition without codes', () => {
    const step = {
      ...valid.routine.steps[0],
      when: [{ step: 'earlier', levelIn: ['high'] }],
      assessment: { methods: ['sara_sv'] },
    };
    const v2 = {
      ...valid,
      format: 'samverkan.routine/v2',
      routine: { ...valid.routine, period: 'stockholm-2020-2026', steps: [step] },
    };
    expect(matchesSchemaV2(v2) ? [] : matchesSchemaV2.errors).toEqual([]);
    expect(matchesSchema(v2)).toBe(false);
    const bare = { ...v2, routine: { ...v2.routine, steps: [{ ...step, when: [{ step: 'earlier' }] }] } };
    expect(matchesSchemaV2(bare)).toBe(false);
  });

  it.each([
    ['another format', { ...valid, format: 'samverkan.routine/v2' }],
    ['an unknown property', { ...valid, extra: true }],
    ['no steps', { ...valid, routine: { ...valid.routine, steps: [] } }],
    [
      'a malformed step key',
      { ...valid, routine: { ...valid.routine, steps: [{ ...valid.routine.steps[0], key: 'Steg 1' }] } },
    ],
    [
      'a malformed duration',
      { ...valid, routine: { ...valid.routine, steps: [{ ...valid.routine.steps[0], dueAfter: '5 dagar' }] } },
    ],
    [
      'an unknown organisation type',
      {
        ...valid,
        routine: { ...valid.routine, steps: [{ ...valid.routine.steps[0], responsibleOrganizationType: 'church' }] },
      },
    ],
  ])('refuses %s', (_, document) => {
    expect(matchesSchema(document)).toBe(false);
  });
});
