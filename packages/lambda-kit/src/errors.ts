/**
 * The API answers every refusal in the seeds' error form (packages/domain/src/refusal.ts): the
 * use cases decide it, the kit answers it. These names are the HTTP side's words for the same thing.
 */
export {
  accessDenied,
  badRequest,
  combine,
  conflict,
  internalError,
  invalid,
  notFound,
  Refusal as ApiError,
  type RefusalBody as ErrorBody,
  throwIfAny,
} from '#domain/refusal';
