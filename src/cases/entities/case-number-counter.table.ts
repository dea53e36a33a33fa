/** `case_number_counter`: the last case number given in each year (no entity: only the case insert touches it). */
export interface CaseNumberCounterTable {
  year: number;
  lastValue: number;
}
