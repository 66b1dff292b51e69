/**
 * Why a request or a step is refused, in the form the seed documents give every error (see
 * docs/seeds/README.md): a status, a `message` key (`customer`, `lines[2].units`, `access_denied`,
 * `multiple`), a readable description and, for `422 multiple`, the individual problems.
 *
 * The status is part of the contract, not of HTTP alone: the use cases decide the refusal (which
 * field, which status) and every adapter reports it as it is (the API as its answer, the e-mails and
 * the saga as their reason). The use cases therefore throw these and never an HTTP type.
 */
export interface RefusalBody {
  readonly status: number;
  readonly message: string;
  readonly description: string;
  readonly errors?: readonly RefusalBody[];
}

export class Refusal extends Error {
  public override readonly name = 'Refusal';

  public constructor(
    public readonly status: number,
    public readonly key: string,
    public readonly description: string,
    public readonly errors?: readonly Refusal[],
    /**
     * When it is worth asking again (a `503` of a system that could not be reached): the API
     * answers it as `Retry-After`, in seconds. Not part of the body.
     */
    public readonly retryAfterSeconds?: number,
  ) {
    super(`${status} ${key}: ${description}`);
  }

  public toBody(): RefusalBody {
    return {
      status: this.status,
      message: this.key,
      description: this.description,
      ...(this.errors ? { errors: this.errors.map((error) => error.toBody()) } : {}),
    };
  }
}

export const badRequest = (description: string): Refusal => new Refusal(400, 'bad_request', description);

export const accessDenied = (description = 'Access denied'): Refusal =>
  new Refusal(403, 'access_denied', description);

export const notFound = (key = 'not_found', description = 'Not found'): Refusal =>
  new Refusal(404, key, description);

export const conflict = (key: string, description: string): Refusal => new Refusal(409, key, description);

export const invalid = (key: string, description: string): Refusal => new Refusal(422, key, description);

export const internalError = (): Refusal =>
  new Refusal(500, 'internal_error', 'An unexpected error occurred; it has been logged');

/**
 * Several problems become one `422 multiple` refusal listing each of them, so a caller can fix a
 * request in one go; a single problem keeps its own status and key. `description` says what the
 * several mean together when the count alone would not (nothing was marked, say).
 */
export const combine = (problems: readonly Refusal[], description?: string): Refusal | undefined => {
  if (problems.length === 0) return undefined;
  if (problems.length === 1) return problems[0];
  return new Refusal(
    422,
    'multiple',
    description ?? `${problems.length} problems were found in the request`,
    problems,
  );
};

/** Throws the combined refusal when there is at least one problem. */
export const throwIfAny = (problems: readonly Refusal[], description?: string): void => {
  const error = combine(problems, description);
  if (error) throw error;
};
