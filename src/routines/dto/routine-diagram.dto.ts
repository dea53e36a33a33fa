import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';

export const DIAGRAM_FORMATS = ['bpmn', 'mermaid'] as const;
export type DiagramFormat = (typeof DIAGRAM_FORMATS)[number];

/** The media type each diagram format is served as. */
export const DIAGRAM_MEDIA_TYPES: Readonly<Record<DiagramFormat, string>> = {
  bpmn: 'application/bpmn+xml; charset=utf-8',
  mermaid: 'text/vnd.mermaid; charset=utf-8',
};

export class DiagramQueryDto {
  @ApiPropertyOptional({
    enum: DIAGRAM_FORMATS,
    default: 'bpmn',
    description:
      'bpmn: BPMN 2.0 XML with diagram interchange (opens in bpmn.io, Camunda Modeler); mermaid: a flowchart',
  })
  @IsOptional()
  @IsIn(DIAGRAM_FORMATS)
  format: DiagramFormat = 'bpmn';
}
