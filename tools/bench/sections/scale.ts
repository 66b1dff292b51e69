import { createTenant, createUsageProduct, expectStatus, usageLines } from '../lib/api.ts';
import { itemSize, itemsWritten } from '../lib/dynamodb-item-size.ts';
import type { BenchSection, Figure } from '../lib/report.ts';
import { startBenchStack } from '../lib/stack.ts';

/**
 * Section 7: the scale of one invoice. Invoices of 10,000, 20,000 and 40,000 lines, each created,
 * read back line for line, and exported to the stack's own e-conomic simulator (checked draft line
 * count and amount); it stops at the first size that fails anywhere and says what failed. Every
 * item the handlers write is sized by DynamoDB's rule from the request a recording proxy sees.
 */
const sizes = [10_000, 20_000, 40_000] as const;
const economicHeaders = {
  'x-appsecrettoken': 'sim-app-secret-token',
  'x-agreementgranttoken': 'sim-agreement-grant-token',
};

export const section: BenchSection = {
  id: 'scale',
  title: 'Scale of one invoice',
  run: async ({ log }) => {
    let largest = { bytes: 0, sk: '', operation: '' };
    const stack = await startBenchStack({
      dynamodb: {
        inspect: (operation, body) => {
          for (const item of itemsWritten(operation, body)) {
            const bytes = itemSize(item);
            if (bytes > largest.bytes) {
              const sk = item.sk && 'S' in item.sk ? item.sk.S : '';
              largest = { bytes, sk, operation };
            }
          }
        },
      },
    });
    try {
      const simulator = `http://127.0.0.1:${stack.ports.ECONOMIC_SIMULATOR_PORT}`;
      const tenant = await createTenant(stack, 'Scale');
      const customer = tenant.customers[0]!;
      const product = await createUsageProduct(stack);
      const preload = await fetch(`${simulator}/__sim/preload`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          customers: [{ customerNumber: Number(customer.number), name: 'Scale kunde', customerGroup: 1 }],
          products: [{ productNumber: product.code, name: 'Samtaler' }],
        }),
      });
      if (preload.status !== 204) throw new Error(`preload: ${preload.status} ${await preload.text()}`);
      expectStatus(
        await tenant.api('PUT', '/integration/economic/settings', {
          appSecretToken: 'sim-app-secret-token',
          agreementGrantToken: 'sim-agreement-grant-token',
        }),
        200,
        'settings',
      );

      const attempts: Record<string, unknown>[] = [];
      let maxLines = 0;
      let failure: string | undefined;
      for (const [index, count] of sizes.entries()) {
        const month = `2030-0${index + 1}`;
        const lines = usageLines(product.id, count);
        const step = async (what: string, check: () => Promise<string | undefined>) => {
          if (failure) return;
          const started = Date.now();
          try {
            const problem = await check();
            if (problem) failure = `${count} lines, ${what}: ${problem}`;
          } catch (error) {
            failure = `${count} lines, ${what}: ${(error as Error).message}`;
          }
          attempt[`${what}Ms`] = Date.now() - started;
        };
        const attempt: Record<string, unknown> = {
          lines: count,
          requestBytes: Buffer.byteLength(JSON.stringify(lines)),
        };
        attempts.push(attempt);
        let id = '';
        let subTotal = 0;
        await step('create', async () => {
          const created = await tenant.api('POST', '/invoice', {
            customer: customer.id,
            invoiceDate: `${month}-01`,
            lines,
          });
          if (created.status !== 201) return `${created.status} ${created.text.slice(0, 300)}`;
          id = created.body._id;
          return undefined;
        });
        await step('read', async () => {
          const read = await tenant.api('GET', `/invoice/${id}`);
          attempt.responseBytes = Buffer.byteLength(read.text);
          if (read.status !== 200) return `${read.status} ${read.text.slice(0, 300)}`;
          subTotal = read.body.subTotal;
          const got = read.body.lines as { units: number; unitPrice: number; description: string }[];
          if (got.length !== count) return `${got.length} lines read back`;
          const wrong = got.findIndex(
            (line, i) =>
              line.units !== lines[i]!.units ||
              line.unitPrice !== lines[i]!.unitPrice ||
              line.description !== lines[i]!.description,
          );
          return wrong >= 0 ? `line ${wrong} differs` : undefined;
        });
        await step('export', async () => {
          const answer = await tenant.api('POST', '/integration/economic/invoice/draft', {
            invoiceDate: `${month}-01`,
          });
          if (answer.status !== 202) return `${answer.status} ${answer.text.slice(0, 300)}`;
          const deadline = Date.now() + 5 * 60_000;
          for (;;) {
            await new Promise((resolve) => setTimeout(resolve, 500));
            const job = (await tenant.api('GET', `/integration/exports/${answer.body.exportId}`)).body;
            if (job.status === 'failed') return `the export failed: ${job.failure?.reason}`;
            if (job.status === 'succeeded') {
              const draftNumber = job.invoices[0]?.draftNumber;
              const draft = (await (
                await fetch(`${simulator}/orders/drafts/${draftNumber}`, { headers: economicHeaders })
              ).json()) as { lines?: unknown[]; netAmount?: number };
              attempt.draftLines = draft.lines?.length;
              if (draft.lines?.length !== count) return `the draft has ${draft.lines?.length} lines`;
              if (draft.netAmount !== subTotal)
                return `the draft's net ${draft.netAmount} ≠ the invoice's ${subTotal}`;
              return undefined;
            }
            if (Date.now() > deadline) return `still ${job.status} after 5 minutes`;
          }
        });
        log(`${count} lines: ${failure ?? 'created, read and exported intact'}`);
        if (failure) break;
        maxLines = count;
      }
      const figures: Figure[] = [
        {
          id: 'scale.maxLines',
          value: maxLines,
          unit: 'lines',
          method:
            'The largest line count (of 10,000, 20,000, 40,000, tried in that order, stopping at the first failure) that POST /invoice created, GET /invoice/{id} read back line for line (units, price, description), and an export put into the e-conomic simulator as one draft with every line and the invoice’s net amount.',
          inputs: { tried: attempts, firstFailure: failure ?? null },
        },
        {
          id: 'scale.maxItemBytes',
          value: largest.bytes,
          unit: 'bytes',
          method:
            'The largest item the handlers wrote during this section (PutItem, BatchWriteItem and TransactWriteItems puts, as a recording proxy in front of DynamoDB Local saw them), sized by DynamoDB’s item-size rule (attribute names + values; see tools/bench/lib/dynamodb-item-size.ts); DynamoDB’s limit is 400 KB. UpdateItem results are not sized.',
          inputs: {
            limitBytes: 400 * 1024,
            sortKey: largest.sk,
            operation: largest.operation,
            largestInvoiceWritten: maxLines,
          },
        },
      ];
      return { section: 'scale', title: section.title, figures };
    } finally {
      await stack.stop();
    }
  },
};
