/**
 * The error form every route answers with, as the seed documents name it: an HTTP status, a
 * `message` key (`customer`, `lines[2].units`, `access_denied`, `multiple`), a readable
 * description and, for `422 multiple`, the list of the individual problems.
 */
export interface ErrorBody {
  readonly status: number;
  readonly message: string;
  readonly description: string;
  readonly errors?: readonly ErrorBody[];
}

export class ApiError extends Error {
  public override readonly name = 'ApiError';

  public constructor(
    public readonly status: number,
    public readonly key: string,
    public readonly description: string,
    public readonly errors?: readonly ApiError[],
  ) {
    super(`${status} ${key}: ${description}`);
  }

  public toBody(): ErrorBody {
    return {
      status: this.status,
      message: this.key,
      description: this.description,
      ...(this.errors ? { errors: this.errors.map((error) => error.toBody()) } : {}),
    };
  }
}

export const badRequest = (description: string): ApiError => new ApiError(400, 'bad_request', description);

export const accessDenied = (description = 'Access denied'): ApiError =>
  new ApiError(403, 'access_denied', description);

export const notFound = (key = 'not_found', description = 'Not found'): ApiError =>
  new ApiError(404, key, description);

export const invalid = (key: string, description: string): ApiError => new ApiError(422, key, description);

export const internalError = (): ApiError =>
  new ApiError(500, 'internal_error', 'An unexpected error occurred; it has been logged');

/**
 * Several problems become one `422 multiple` answer listing each of them, so a caller can fix a
 * request in one go; a single problem keeps its own status and key.
 */
export const combine = (problems: readonly ApiError[]): ApiError | undefined => {
  if (problems.length === 0) return undefined;
  if (problems.length === 1) return problems[0];
  return new ApiError(422, 'multiple', `${problems.length} problems were found in the request`, problems);
};

/** Throws the combined error when there is at least one problem. */
export const throwIfAny = (problems: readonly ApiError[]): void => {
  const error = combine(problems);
  if (error) throw error;
};
