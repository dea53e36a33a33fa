/**
 * Every `code` a DomainException carries, as a union. Each feature declares its own codes beside its code
 * (`<feature>-problem-codes.ts`, `declare module '../common/http/problem-codes'`); common declares the shared ones.
 */
export interface ProblemCodes {
  'pagination.invalid_cursor': true;
}

export type ProblemCode = keyof ProblemCodes;

/** The entities whose `<entity>.not_found` code is declared: what `notFound` and `notVisible` may name. */
export type NotFoundEntity = {
  [Code in ProblemCode]: Code extends `${infer Entity}.not_found` ? Entity : never;
}[ProblemCode];
