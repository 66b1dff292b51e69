/**
 * The arithmetic of the export figures, kept apart from the runs so it can be tested.
 */

export interface DuplicateReport {
  /** Drafts whose reference appears more than once (every copy counted). */
  readonly duplicateDrafts: number;
  /** Expected references with no draft at all. */
  readonly invoicesWithoutDraft: number;
  /** Drafts with a reference of this export that no exported invoice has. */
  readonly strayDrafts: number;
  /** duplicateDrafts + invoicesWithoutDraft: must be 0. */
  readonly duplicates: number;
}

/** Compares the references on the drafts in the accounting system with the expected ones. */
export const duplicateReport = (
  draftReferences: readonly string[],
  expectedReferences: readonly string[],
): DuplicateReport => {
  const counts = new Map<string, number>();
  for (const reference of draftReferences) counts.set(reference, (counts.get(reference) ?? 0) + 1);
  const expected = new Set(expectedReferences);
  let duplicateDrafts = 0;
  let strayDrafts = 0;
  for (const [reference, count] of counts) {
    if (count > 1) duplicateDrafts += count;
    if (!expected.has(reference)) strayDrafts += count;
  }
  const invoicesWithoutDraft = [...expected].filter((reference) => !counts.has(reference)).length;
  return {
    duplicateDrafts,
    invoicesWithoutDraft,
    strayDrafts,
    duplicates: duplicateDrafts + invoicesWithoutDraft,
  };
};

/**
 * The creates each invoice takes: e-conomic one draft with its lines; Uniconta an order, then its
 * lines, since no documented call makes both.
 */
export const createsPerInvoice = { economic: 1, uniconta: 2 } as const;

/**
 * The calls an export needs at the least (issue 13): the creates each invoice takes
 * (createsPerInvoice) and one read of each kind of master data per export. Calls refused, resent,
 * or read again are not needed, so they lower the efficiency instead of raising the bound.
 */
export const callsNeeded = (invoices: number, creates: number, masterDataReads: number): number =>
  invoices * creates + masterDataReads;

/**
 * The rate-limit bound of an export and how close the measured time came to it: the calls it
 * needs (callsNeeded), at `rate` a second, take `calls ÷ rate` seconds at best; efficiency =
 * bound ÷ measured wall time. The initial burst of the bucket is left out of the bound (it is at
 * most a few seconds: 10 tokens at 5/s is 2 s), which makes the bound slightly pessimistic: an
 * efficiency just above 1 is possible.
 */
export const rateLimitBound = (calls: number, requestsPerSecond: number): number => {
  if (!(requestsPerSecond > 0)) throw new RangeError('the rate must be > 0');
  return calls / requestsPerSecond;
};

export const efficiency = (boundSeconds: number, wallSeconds: number): number => {
  if (!(wallSeconds > 0)) throw new RangeError('the wall time must be > 0');
  return boundSeconds / wallSeconds;
};

/**
 * A logged accounting call's endpoint, numbers taken out: `POST /orders/drafts`,
 * `GET /orders/drafts/{n}`, `GET /api/Entities/DebtorOrderClient?Name=YourRef`.
 */
export const endpointOf = (request: {
  readonly method: string;
  readonly path: string;
  readonly query?: Readonly<Record<string, string>>;
}): string => {
  const path = request.path.replace(/\/\d+(?=\/|$)/g, '/{n}');
  const filter = request.query?.Name ? `?Name=${request.query.Name}` : '';
  return `${request.method} ${path}${filter}`;
};

export const countBy = <T>(items: readonly T[], key: (item: T) => string): Record<string, number> => {
  const counts: Record<string, number> = {};
  for (const item of items) {
    const name = key(item);
    counts[name] = (counts[name] ?? 0) + 1;
  }
  return Object.fromEntries(Object.entries(counts).sort(([a], [b]) => a.localeCompare(b)));
};

/** Every 1/rate-th create answered 429 or 503 (alternately), as simulator fault rules. */
export const everyNthCreateFails = (everyNth: number, creates: number) =>
  Array.from({ length: Math.floor(creates / everyNth) }, (_, index) => ({
    action: 'fail' as const,
    status: index % 2 === 0 ? 429 : 503,
    nth: (index + 1) * everyNth,
  }));

/**
 * When each run starts, in seconds after the first: the longest runs (the most calls at the lowest
 * rate) first, `spacingSeconds` apart (why: throughput-runs.ts).
 */
export const startOffsets = (
  runs: readonly { system: keyof typeof createsPerInvoice; rate: number }[],
  spacingSeconds: number,
): number[] => {
  const startOrder = runs
    .map((run, index) => ({ index, seconds: createsPerInvoice[run.system] / run.rate }))
    .sort((a, b) => b.seconds - a.seconds || a.index - b.index)
    .map(({ index }) => index);
  return runs.map((_, index) => startOrder.indexOf(index) * spacingSeconds);
};
