import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import type { AuditAction } from '../audit/audit-actions';
import { AuditEntry, AuditService } from '../audit/audit.service';
import type { RequestContext } from '../common/auth/request-context';
import { conflict, unprocessable } from '../common/http/domain.exception';
import { StrategyService } from '../strategy/strategy.service';
import type { AssessmentMethodIndex } from '../assessment-methods/assessment-method-catalogue';
import { AssessmentMethodsService } from '../assessment-methods/assessment-methods.service';
import {
  applyRoutineUpdate,
  RoutineDefinitionDto,
  toRoutineDefinition,
  UpdateRoutineDto,
} from './dto/routine-definition.dto';
import type { RoutineDocumentDto } from './dto/routine-document.dto';
import { RoutineDto } from './dto/routine.dto';
import { Routine } from './entities/routine.entity';
import { RoutineVersion } from './entities/routine-version.entity';
import { findLatestVersion, findOwnRoutineForChange } from './routine-access';
import { FIRST_STRATEGY_PERIOD, periodOf, RoutineDefinition } from './routine-definition';
import {
  definitionChecksum,
  partsBeyondV1,
  ROUTINE_DOCUMENT_FORMAT,
  ROUTINE_DOCUMENT_FORMAT_V1,
} from './routine-document';
import { routineViolations, StrategyIndex, strategyIndex } from './routine-rules';

/** What a definition is checked against: each period's goals and measures, and the assessment methods. */
interface RoutineRules {
  strategies: ReadonlyMap<string, StrategyIndex>;
  methods: AssessmentMethodIndex;
}

/** Coded facts about a definition for the audit trail (no titles or descriptions). */
const definitionSummary = (definition: RoutineDefinition) => ({
  goals: definition.goals,
  measures: definition.measures,
  stepKeys: definition.steps.map((step) => step.key),
});

/** Creating, editing, publishing and retiring routines. */
@Injectable()
export class RoutinesService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly strategy: StrategyService,
    private readonly assessmentMethods: AssessmentMethodsService,
  ) {}

  /** A routine names the goals of the period in force unless it says otherwise (absent: the first period). */
  async create(ctx: RequestContext, dto: RoutineDefinitionDto): Promise<RoutineDto> {
    const current = await this.strategy.currentPeriodCode();
    const period = dto.period ?? (current === FIRST_STRATEGY_PERIOD ? undefined : current);
    return this.insertDraft(ctx, toRoutineDefinition({ ...dto, period }), 'routine.created', {});
  }

  /**
   * Creates a draft in the caller's organisation from an exchange document; with `publish`, publishes it as
   * version 1 in the same transaction, so a failure leaves neither.
   */
  importDocument(
    ctx: RequestContext,
    document: RoutineDocumentDto,
    options: { publish?: boolean } = {},
  ): Promise<RoutineDto> {
    const definition = toRoutineDefinition(document.routine);
    if (document.format === ROUTINE_DOCUMENT_FORMAT_V1) {
      const beyond = partsBeyondV1(definition);
      if (beyond.length > 0) {
        throw unprocessable(
          'routine.not_in_v1',
          `Periods, conditions and assessments need format ${ROUTINE_DOCUMENT_FORMAT}.`,
          beyond.map((field) => ({ field: `routine.${field}`, code: 'not_in_v1' })),
        );
      }
    }
    const source = document.source;
    if (source?.checksum && source.checksum !== definitionChecksum(definition)) {
      throw unprocessable(
        'routine.checksum_mismatch',
        'The routine does not match the checksum of the exported version; remove source.checksum if you changed it on purpose.',
        [{ field: 'source.checksum', code: 'checksum_mismatch' }],
      );
    }
    const provenance = source
      ? {
          sourceRoutineId: source.routineId,
          sourceVersion: source.version ?? null,
          sourceChecksum: source.checksum ?? null,
        }
      : {};
    return this.insertDraft(ctx, definition, 'routine.imported', provenance, 'routine.', options.publish);
  }

  async update(ctx: RequestContext, id: string, dto: UpdateRoutineDto): Promise<RoutineDto> {
    const rules = await this.rules();
    return this.dataSource.transaction(async (manager) => {
      const routine = await findOwnRoutineForChange(manager, ctx.user, id);
      this.refuseRetired(routine);
      const published = await findLatestVersion(manager, routine);
      const base = routine.draft ?? published?.definition;
      if (!base) {
        throw new Error(`routine ${id} has neither a draft nor a published version`);
      }
      const draft = applyRoutineUpdate(base, dto);
      this.assertValid(draft, rules);
      const basedOnVersion = routine.draft === null ? routine.latestVersion : undefined;
      routine.draft = draft;
      const saved = await manager.save(routine);
      await this.audit.append(manager, ctx, {
        action: 'routine.updated',
        entity: { type: 'routine', id },
        data: {
          changed: Object.entries(dto)
            .filter(([, value]) => value !== undefined)
            .map(([field]) => field),
          ...(basedOnVersion ? { newDraftFromVersion: basedOnVersion } : {}),
          ...definitionSummary(draft),
        },
      });
      return RoutineDto.from(saved, published, ctx.user.organizationId);
    });
  }

  /** Freezes the draft as the next version. The draft is validated again: the strategy may have changed since it was saved. */
  async publish(ctx: RequestContext, id: string): Promise<RoutineDto> {
    const rules = await this.rules();
    return this.dataSource.transaction(async (manager) => {
      const routine = await findOwnRoutineForChange(manager, ctx.user, id);
      this.refuseRetired(routine);
      const published = await this.publishDraft(manager, ctx, routine, rules);
      await this.audit.append(manager, ctx, published.event);
      return published.routine;
    });
  }

  /** The draft of a routine locked for change becomes its next version; the caller appends the audit event, last. */
  private async publishDraft(
    manager: EntityManager,
    ctx: RequestContext,
    routine: Routine,
    rules: RoutineRules,
  ): Promise<{ routine: RoutineDto; event: AuditEntry }> {
    const id = routine.id;
    const draft = routine.draft;
    if (!draft) {
      throw conflict('routine.no_draft', 'There is no draft to publish: edit the routine first.');
    }
    this.assertValid(draft, rules);
    const checksum = definitionChecksum(draft);
    const previous = await findLatestVersion(manager, routine);
    if (previous?.checksum === checksum) {
      throw conflict(
        'routine.draft_unchanged',
        `The draft is identical to version ${previous.version}; there is nothing new to publish.`,
      );
    }
    const version = manager.create(RoutineVersion, {
      routineId: id,
      version: (routine.latestVersion ?? 0) + 1,
      definition: draft,
      checksum,
      publishedAt: new Date(),
      publishedBy: ctx.user.id,
    });
    await manager.insert(RoutineVersion, version);
    routine.draft = null;
    routine.latestVersion = version.version;
    const saved = await manager.save(routine);
    return {
      routine: RoutineDto.from(saved, version, ctx.user.organizationId),
      event: {
        action: 'routine.published',
        entity: { type: 'routine', id },
        data: { version: version.version, checksum, ...definitionSummary(draft) },
      },
    };
  }

  /** Stops new cases and adoptions of the routine; existing ones run on. */
  async retire(ctx: RequestContext, id: string): Promise<RoutineDto> {
    return this.dataSource.transaction(async (manager) => {
      const routine = await findOwnRoutineForChange(manager, ctx.user, id);
      this.refuseRetired(routine);
      routine.retiredAt = new Date();
      const saved = await manager.save(routine);
      const latest = await findLatestVersion(manager, saved);
      await this.audit.append(manager, ctx, {
        action: 'routine.retired',
        entity: { type: 'routine', id },
        data: { latestVersion: routine.latestVersion },
      });
      return RoutineDto.from(saved, latest, ctx.user.organizationId);
    });
  }

  private async insertDraft(
    ctx: RequestContext,
    definition: RoutineDefinition,
    action: AuditAction,
    data: Record<string, unknown>,
    fieldPrefix = '',
    publish = false,
  ): Promise<RoutineDto> {
    const rules = await this.rules();
    this.assertValid(definition, rules, fieldPrefix);
    return this.dataSource.transaction(async (manager) => {
      const routine = await manager.save(
        manager.create(Routine, {
          ownerOrganizationId: ctx.user.organizationId,
          draft: definition,
          latestVersion: null,
          retiredAt: null,
        }),
      );
      const created: AuditEntry = {
        action,
        entity: { type: 'routine', id: routine.id },
        data: { ...data, ...definitionSummary(definition) },
      };
      if (!publish) {
        await this.audit.append(manager, ctx, created);
        return RoutineDto.from(routine, null, ctx.user.organizationId);
      }
      const published = await this.publishDraft(manager, ctx, routine, rules);
      await this.audit.appendMany(manager, ctx, [created, published.event]);
      return published.routine;
    });
  }

  /** Read before a transaction opens: inside one, a second connection would wait on it in embedded mode. */
  private async rules(): Promise<RoutineRules> {
    const [measures, methods] = await Promise.all([this.strategy.measureIndexes(), this.assessmentMethods.index()]);
    return { strategies: new Map([...measures].map(([period, index]) => [period, strategyIndex(index)])), methods };
  }

  /** 422 naming each broken rule's field (within the import document: prefixed with `routine.`). */
  private assertValid(definition: RoutineDefinition, rules: RoutineRules, fieldPrefix = ''): void {
    const strategy = rules.strategies.get(periodOf(definition));
    const violations = strategy
      ? routineViolations(definition, strategy, rules.methods)
      : [
          {
            field: 'period',
            code: 'unknown_period',
            message: 'Not a strategy period of GET /api/v1/strategy-periods.',
          },
        ];
    const errors = violations.map((error) => ({ ...error, field: `${fieldPrefix}${error.field}` }));
    if (errors.length > 0) {
      throw unprocessable('routine.invalid', 'The routine breaks one or more rules; see errors.', errors);
    }
  }

  private refuseRetired(routine: Routine): void {
    if (routine.retiredAt) {
      throw conflict('routine.retired', 'The routine is retired and can no longer be changed.');
    }
  }
}
