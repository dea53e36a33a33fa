import { Injectable } from '@nestjs/common';
import { swedishDay } from '../common/time/swedish-time';
import { COUNTIES, findMunicipality } from '../organizations/municipalities';
import { StrategyService } from '../strategy/strategy.service';
import {
  agreementWindow,
  COUNTING_APPROVAL_LEVELS,
  countyShares,
  MunicipalityPartnerFinding,
  PARTNER_TYPES,
} from '../adoptions/collaboration-agreement-rule';
import { CollaborationAgreementsRepository } from './collaboration-agreements.repository';
import { CollaborationAgreementQueryDto, CollaborationAgreementReportDto } from './dto/collaboration-agreements.dto';

/** The collaboration-agreement indicator of Socialstyrelsen's open comparisons, live. */
@Injectable()
export class CollaborationAgreementsService {
  constructor(
    private readonly agreements: CollaborationAgreementsRepository,
    private readonly strategy: StrategyService,
  ) {}

  async report(query: CollaborationAgreementQueryDto): Promise<CollaborationAgreementReportDto> {
    const window = agreementWindow(query.asOf ?? swedishDay());
    const partnerTypes = query.partnerType ? [query.partnerType] : [...PARTNER_TYPES];
    const countyCode = query.countyCode ?? query.municipalityCode?.slice(0, 2) ?? null;
    const findings = await this.agreements.findings(window, countyCode, partnerTypes);
    const shown = query.municipalityCode
      ? findings.filter((finding) => finding.municipalityCode === query.municipalityCode)
      : findings;
    return {
      asOf: window.asOf,
      period: await this.strategy.periodOn(window.asOf),
      windowStart: window.windowStart,
      approvalLevels: [...COUNTING_APPROVAL_LEVELS],
      municipalities: byMunicipality(shown),
      counties: countyShares(findings, partnerTypes).map(({ countyCode, municipalities, partnerTypes: shares }) => ({
        countyCode,
        countyName: COUNTIES[countyCode] ?? countyCode,
        municipalities,
        partnerTypes: shares,
      })),
    };
  }
}

function byMunicipality(findings: MunicipalityPartnerFinding[]): CollaborationAgreementReportDto['municipalities'] {
  const municipalities = new Map<string, CollaborationAgreementReportDto['municipalities'][number]>();
  for (const finding of findings) {
    const code = finding.municipalityCode;
    let municipality = municipalities.get(code);
    if (!municipality) {
      municipality = {
        municipalityCode: code,
        municipalityName: findMunicipality(code)?.name ?? code,
        countyCode: code.slice(0, 2),
        partners: [],
      };
      municipalities.set(code, municipality);
    }
    municipality.partners.push({
      partnerType: finding.partnerType,
      current: finding.latestActivityAt !== null,
      latestActivityAt: finding.latestActivityAt,
    });
  }
  return [...municipalities.values()];
}
