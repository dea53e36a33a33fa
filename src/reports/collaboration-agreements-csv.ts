import { csvField, spreadsheetSafe } from '../audit/audit-export';
import type { CollaborationAgreementReportDto } from './dto/collaboration-agreements.dto';

const COLUMNS = [
  'level',
  'asOf',
  'countyCode',
  'countyName',
  'municipalityCode',
  'municipalityName',
  'partnerType',
  'current',
  'latestActivityAt',
  'municipalities',
  'withAgreement',
  'share',
] as const;

type Row = Partial<Record<(typeof COLUMNS)[number], string | number | boolean | null>>;

/** RFC 4180: one row per municipality and partner type, then one per county and partner type with the share. */
export function collaborationAgreementsCsv(report: CollaborationAgreementReportDto): string {
  const countyName = new Map(report.counties.map((county) => [county.countyCode, county.countyName]));
  const rows: Row[] = [
    ...report.municipalities.flatMap((municipality) =>
      municipality.partners.map((partner): Row => ({
        level: 'municipality',
        countyCode: municipality.countyCode,
        countyName: countyName.get(municipality.countyCode) ?? null,
        municipalityCode: municipality.municipalityCode,
        municipalityName: municipality.municipalityName,
        partnerType: partner.partnerType,
        current: partner.current,
        latestActivityAt: partner.latestActivityAt,
      })),
    ),
    ...report.counties.flatMap((county) =>
      county.partnerTypes.map((share): Row => ({
        level: 'county',
        countyCode: county.countyCode,
        countyName: county.countyName,
        partnerType: share.partnerType,
        municipalities: county.municipalities,
        withAgreement: share.withAgreement,
        share: share.share,
      })),
    ),
  ];
  const line = (row: Row) =>
    COLUMNS.map((column) =>
      csvField(spreadsheetSafe(String(column === 'asOf' ? report.asOf : (row[column] ?? '')))),
    ).join(',');
  return [COLUMNS.join(','), ...rows.map(line)].map((record) => `${record}\r\n`).join('');
}
