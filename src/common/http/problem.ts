import type { FieldError } from './domain.exception';

/** RFC 9457 problem details. */
export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  code?: string;
  errors?: FieldError[];
  errorId?: string;
  instance?: string;
  checks?: unknown;
}

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';
const TYPE_BASE = 'https://samverkan.se/problems/';

const TITLES: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  406: 'Not Acceptable',
  409: 'Conflict',
  413: 'Content Too Large',
  415: 'Unsupported Media Type',
  422: 'Unprocessable Content',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
};

export function problem(status: number, detail: string, extra: Partial<Problem> = {}): Problem {
  const slug = extra.code ?? (TITLES[status] ?? 'error').toLowerCase().replace(/\s+/g, '-');
  return {
    type: `${TYPE_BASE}${slug}`,
    title: TITLES[status] ?? 'Error',
    status,
    detail,
    ...extra,
  };
}
