/**
 * Why DynamoDB cancelled a transaction: one code per action, in the order the actions were sent
 * (`ConditionalCheckFailed`, `TransactionConflict`, `None` for an action that was fine), or
 * undefined when the error is not a cancelled transaction. Each writer tells its own conditions
 * apart by their place in its transaction.
 */
export const cancellationCodes = (error: unknown): readonly (string | undefined)[] | undefined =>
  (error as Error | undefined)?.name === 'TransactionCanceledException'
    ? ((error as { CancellationReasons?: { Code?: string }[] }).CancellationReasons ?? []).map(
        (reason) => reason.Code,
      )
    : undefined;
