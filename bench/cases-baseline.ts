import { Body, Controller, Module, Post } from '@nestjs/common';
import { ApiProperty } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import { Matches } from 'class-validator';
import { DataSource } from 'typeorm';
import { AnyRole } from '../src/common/auth/access.decorators';
import { Ctx, RequestContext } from '../src/common/auth/request-context';

/** The table the baseline writes to; the benchmark creates it in its own database. */
export const BASELINE_TABLE_SQL = `
  CREATE TABLE bench_baseline (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    organization_id uuid NOT NULL,
    user_id uuid NOT NULL,
    code varchar(50) NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now()
  )`;

class BaselineDto {
  @ApiProperty({ example: 'bench' })
  @Matches(/^[a-z][a-z0-9_]{1,49}$/)
  code!: string;
}

/**
 * The baseline of the cases benchmark: a guarded POST (token, role, validated body) that inserts one row and
 * returns it, in one statement. Mounted only by the benchmark's server.
 */
@Controller('bench/baseline')
class BaselineController {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  @Post()
  @AnyRole()
  async insert(@Ctx() ctx: RequestContext, @Body() dto: BaselineDto): Promise<unknown> {
    const [row] = await this.dataSource.query<unknown[]>(
      `INSERT INTO bench_baseline (organization_id, user_id, code) VALUES ($1, $2, $3) RETURNING id, organization_id, user_id, code, created_at`,
      [ctx.user.organizationId, ctx.user.id, dto.code],
    );
    return row;
  }
}

@Module({ controllers: [BaselineController] })
export class BaselineModule {}
