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
