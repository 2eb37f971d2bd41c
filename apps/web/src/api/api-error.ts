/** Error kinds the server answers with (`{"error": {"kind", "message", "details"}}`), plus NETWORK. */
export type ApiErrorKind =
  | 'INVALID_INPUT'
  | 'NOT_FOUND'
  | 'CONFLICT'
  | 'UNAUTHORIZED'
  | 'FORBIDDEN'
  | 'ILLEGAL_TRANSITION'
  | 'UNAVAILABLE'
  | 'NETWORK'
  | 'UNKNOWN';

/** A failed API call: the HTTP status (0 when the network failed) and the server's error body. */
export class ApiError extends Error {
  override readonly name = 'ApiError';
  constructor(
    readonly status: number,
    readonly kind: ApiErrorKind,
    message: string,
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
  }
}

const kindByStatus: Record<number, ApiErrorKind> = {
  400: 'INVALID_INPUT',
  401: 'UNAUTHORIZED',
  403: 'FORBIDDEN',
  404: 'NOT_FOUND',
  409: 'CONFLICT',
  422: 'INVALID_INPUT',
  503: 'UNAVAILABLE',
};

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

/** Reads the error body of a failed response; a body that is not JSON still yields a usable error. */
export async function errorFromResponse(response: Response): Promise<ApiError> {
  const fallbackKind = kindByStatus[response.status] ?? 'UNKNOWN';
  let body: unknown = null;
  try {
    body = await response.json();
  } catch {
    body = null;
  }
  const error = isRecord(body) && isRecord(body.error) ? body.error : null;
  const kind = typeof error?.kind === 'string' ? (error.kind as ApiErrorKind) : fallbackKind;
  const message =
    typeof error?.message === 'string' ? error.message : `The server answered ${response.status}.`;
  const details = isRecord(error?.details) ? error.details : {};
  return new ApiError(response.status, kind, message, details);
}
