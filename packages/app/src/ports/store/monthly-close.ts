import type { AccountingSystemName } from '#domain/integration';

/** What the monthly close did for one reseller's customers. */
export interface CloseTally {
  /** Period invoices this run wrote. */
  readonly created: number;
  /** Period invoices an earlier run had already written (nothing was written again). */
  readonly existed: number;
  /** Customers with items of which none is billed this month (e.g. a quarterly item off its month). */
  readonly nothingBilled: number;
  /** Customers whose period invoice could not be written; each is in `failures` (the first 20). */
  readonly failed: number;
  readonly failures: readonly { readonly customer: string; readonly reason: string }[];
}

/** The automatic export of one accounting system after the close. */
export interface AutoExportOutcome {
  readonly system: AccountingSystemName;
  readonly status: 'queued' | 'nothing-to-export' | 'already-running' | 'refused';
  readonly exportId?: string;
  readonly exported?: number;
  /** Why it was refused: the export API's message key and description, with every problem. */
  readonly problem?: { readonly key: string; readonly description: string; readonly details?: string[] };
}

export interface CloseOutcome {
  readonly month: string;
  readonly run: string;
  readonly reseller: string;
  readonly tally?: CloseTally;
  readonly exports: readonly AutoExportOutcome[];
  /** The reseller's close stopped on an error the retries did not get past. */
  readonly error?: string;
  readonly recordedAt: string;
  /** When the accounting contact was e-mailed about this reseller's refused automatic exports. */
  readonly refusalsNotifiedAt?: string;
}
