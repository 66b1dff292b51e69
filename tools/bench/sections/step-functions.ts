import type { BenchSection, Figure } from '../lib/report.ts';
import { throughputRuns } from '../lib/throughput-runs.ts';

/**
 * Section 6: what the export saga costs in Step Functions, read from the local interpreter's event
 * log (GetExecutionHistory) of the 1,000-invoice runs of section 4 (shared: made once), and the
 * size of the export request messages and the e-mails the handlers put on SQS during those runs.
 */
export const section: BenchSection = {
  id: 'step-functions',
  title: 'Step Functions cost of an export',
  run: async (context) => {
    const runs = await throughputRuns(context);
    const perRun = runs.map((run) => ({
      run: `${run.system}@${run.rate}/s`,
      status: run.outcome.job.status,
      invoices: run.scenario.invoices.length,
      historyEvents: run.execution.events,
      stateTransitions: run.execution.stateTransitions,
      transitionsPerInvoice:
        Math.round((run.execution.stateTransitions / run.scenario.invoices.length) * 1000) / 1000,
      maxPayloadBytes: run.execution.maxPayloadBytes,
      maxPayloadEvent: run.execution.maxPayloadEvent,
      eventsByType: run.execution.byType,
    }));
    const worst = <K extends 'transitionsPerInvoice' | 'historyEvents' | 'maxPayloadBytes'>(key: K) =>
      perRun.reduce((a, b) => (b[key] > a[key] ? b : a));
    const messages = runs[0]?.queueMessageBytes ?? [];
    const mails = runs[0]?.mailMessageBytes ?? [];
    const source =
      'the execution histories (GetExecutionHistory with execution data) of the four 1,000-invoice export runs of section 4 (e-conomic and Uniconta at 5 and 10 requests/s, 2 % injected 429/503), run by the local interpreter on the CDK-synthesized definition';
    const figures: Figure[] = [
      {
        id: 'stepFunctions.transitionsPerInvoice',
        value: worst('transitionsPerInvoice').transitionsPerInvoice,
        unit: 'transitions',
        method: `State transitions as billed (every *StateEntered event, plus one per Task retry: scheduled invocations beyond the Task entries) ÷ invoices exported, the largest of ${source}.`,
        inputs: {
          perRun: perRun.map(({ eventsByType: _, ...rest }) => rest),
          eventsByTypeOfWorst: worst('transitionsPerInvoice').eventsByType,
        },
      },
      {
        id: 'stepFunctions.maxHistoryEvents',
        value: worst('historyEvents').historyEvents,
        unit: 'events',
        method: `The number of history events of the longest execution among ${source}; AWS fails an execution at 25,000.`,
        inputs: { limit: 25_000, perRun: perRun.map(({ run, historyEvents }) => ({ run, historyEvents })) },
      },
      {
        id: 'stepFunctions.maxStatePayloadBytes',
        value: worst('maxPayloadBytes').maxPayloadBytes,
        unit: 'bytes',
        method: `The largest input, output or parameters (UTF-8 bytes) of any event in ${source}; AWS's limit is 256 KB, the budget 4 KB.`,
        inputs: {
          limitBytes: 256 * 1024,
          event: worst('maxPayloadBytes').maxPayloadEvent,
          perRun: perRun.map(({ run, maxPayloadBytes, maxPayloadEvent }) => ({
            run,
            maxPayloadBytes,
            maxPayloadEvent,
          })),
        },
      },
      {
        id: 'queue.maxMessageBytes',
        value: messages.length > 0 ? Math.max(...messages) : 0,
        unit: 'bytes',
        method:
          'The largest MessageBody (UTF-8 bytes) of the SendMessage/SendMessageBatch requests the handlers sent to the export request queue during the export runs of section 4, read by a recording proxy the local stack hands the handlers as their SQS endpoint; SQS allows 256 KB, the budget 4 KB.',
        inputs: { messages: messages.length, sizes: [...new Set(messages)].sort((a, b) => a - b) },
      },
      {
        id: 'queue.mail.maxMessageBytes',
        value: mails.length > 0 ? Math.max(...mails) : 0,
        unit: 'bytes',
        method:
          'The largest MessageBody (UTF-8 bytes) the handlers sent to the mail queue during the export runs of section 4 (each export’s e-mail: its text and HTML, with the table of at most 200 invoices), read by the same recording proxy; the mail queue takes 1 MiB.',
        inputs: { messages: mails.length, sizes: [...new Set(mails)].sort((a, b) => a - b) },
      },
    ];
    return { section: 'step-functions', title: section.title, figures };
  },
};
