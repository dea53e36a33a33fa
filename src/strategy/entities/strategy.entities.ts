import { Column, Entity, PrimaryColumn } from 'typeorm';

@Entity('strategy_period')
export class StrategyPeriodRow {
  @PrimaryColumn({ type: 'varchar', length: 40 })
  code!: string;

  @Column({ name: 'title_sv', type: 'text' })
  titleSv!: string;

  @Column({ name: 'title_en', type: 'text' })
  titleEn!: string;

  @Column({ name: 'valid_from', type: 'date' })
  validFrom!: string;

  @Column({ name: 'valid_to', type: 'date' })
  validTo!: string;

  /** The period this one follows (its measures are mapped onto this one's); null for the first. */
  @Column({ name: 'previous_period_code', type: 'varchar', length: 40, nullable: true })
  previousPeriodCode!: string | null;
}

/** One line of a period's mapping: a measure of the previous period carried on by a measure of this one. */
@Entity('strategy_measure_mapping')
export class StrategyMeasureMappingRow {
  @PrimaryColumn({ name: 'period_code', type: 'varchar', length: 40 })
  periodCode!: string;

  @PrimaryColumn({ name: 'previous_measure_code', type: 'varchar', length: 10 })
  previousMeasureCode!: string;

  @PrimaryColumn({ name: 'measure_code', type: 'varchar', length: 10 })
  measureCode!: string;
}

@Entity('strategy_goal')
export class StrategyGoalRow {
  @PrimaryColumn({ name: 'period_code', type: 'varchar', length: 40 })
  periodCode!: string;

  @PrimaryColumn({ type: 'smallint' })
  number!: number;

  @Column({ name: 'title_sv', type: 'text' })
  titleSv!: string;

  @Column({ name: 'title_en', type: 'text' })
  titleEn!: string;
}

@Entity('strategy_measure')
export class StrategyMeasureRow {
  @PrimaryColumn({ name: 'period_code', type: 'varchar', length: 40 })
  periodCode!: string;

  @PrimaryColumn({ type: 'varchar', length: 10 })
  code!: string;

  @Column({ name: 'goal_number', type: 'smallint' })
  goalNumber!: number;

  @Column({ type: 'smallint' })
  position!: number;

  @Column({ name: 'text_sv', type: 'text' })
  textSv!: string;

  @Column({ name: 'text_en', type: 'text' })
  textEn!: string;
}
