/** The refusal a use case threw, in the seeds' error form; undefined when it did not throw. */
export const refusalOf = async (promise: Promise<unknown>) =>
  promise.then(
    () => undefined,
    (error: { toBody(): unknown }) => error.toBody(),
  );
