import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { type BatchWriteCommandInput, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { createCustomerBody } from '#api/customer';
import { readCreateInvoiceRequest } from '#api/invoice-request';
import { forEachBounded } from '#app/bounded';
import { createCustomer } from '#app/catalog/create-customer';
import { createInvoice } from '#app/invoices/create-invoice';
import type { Caller } from '#domain/caller';
import { newId } from '#domain/ids';
import { startOfDay } from '#domain/invoice/calendar';
import { batchWriteAll } from '#store/batch-write';
import { customerRepository } from '#store/customers';
import { type Db, documentClientOf } from '#store/db';
import { directoryRepository } from '#store/directory';
import { idempotencyRepository } from '#store/idempotency';
import { invoiceRepository } from '#store/invoices';
import { productRepository } from '#store/products';
import { resellerRepository } from '#store/resellers';

/**
 * Many customers and invoices fast, for month-end tests and benchmarks (20,000 to an export): each
 * body goes through what POST /customer or POST /invoice runs after the gateway (the body read as
 * the route reads it, the use case's checks and reads, the store's items), called in this process
 * and many at once instead of one HTTP round trip each. What is stored is exactly what the API
 * stores; only how it is written differs: the store's one-transaction writes are collected and sent
 * as batched writes, 25 items a call (DynamoDB Local takes some 80 transactions a second, which made
 * 20,000 customers and invoices a seven-minute wait). Their conditions are dropped, which is safe
 * for new objects under new ids only: the seeder refuses any other write.
 */
export interface SeedTarget {
  /** The stack's DynamoDB (`http://127.0.0.1:<DYNAMODB_PORT>`). */
  readonly dynamodbEndpoint: string;
  readonly tableName?: string;
}

export interface SeedOptions {
  readonly caller: Caller;
  /** Request bodies, in the order their ids are answered. */
  readonly bodies: readonly Record<string, unknown>[];
  /** Creates in flight at once (default 24). */
  readonly concurrency?: number;
}

type WriteRequest = NonNullable<BatchWriteCommandInput['RequestItems']>[string][number];

const clock = { now: () => new Date() };
const ids = { newId };

export const openSeeder = ({ dynamodbEndpoint, tableName = 'faktura' }: SeedTarget) => {
  const client = new DynamoDBClient({
    endpoint: dynamodbEndpoint,
    region: 'eu-west-1',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });
  const documents = documentClientOf(client);
  const queued: WriteRequest[] = [];
  const flush = async (): Promise<void> => {
    const requests = queued.splice(0);
    const slices: WriteRequest[][] = [];
    for (let start = 0; start < requests.length; start += 25) slices.push(requests.slice(start, start + 25));
    await forEachBounded(slices, 4, (slice) => batchWriteAll(db, slice));
  };
  const batching = {
    send: async (command: { input: unknown }) => {
      if (!(command instanceof TransactWriteCommand)) return documents.send(command as never);
      for (const action of command.input.TransactItems ?? []) {
        if (!action.Put) throw new Error('The seeder writes new objects only (puts), not updates or deletes');
        queued.push({ PutRequest: { Item: action.Put.Item } });
      }
      if (queued.length >= 500) await flush();
      return {};
    },
  };
  const db: Db = { client: batching as unknown as Db['client'], tableName };
  const resellers = resellerRepository(db);

  /**
   * One object per body, `concurrency` at once, answering their ids in the bodies' order; the
   * writes still collected are sent before it answers, so what it answers is stored.
   */
  const seedEach = async (
    { bodies, concurrency = 24 }: SeedOptions,
    create: (body: Record<string, unknown>, index: number) => Promise<string>,
  ): Promise<string[]> => {
    const created: string[] = new Array(bodies.length);
    await forEachBounded([...bodies.keys()], concurrency, async (index) => {
      created[index] = await create(bodies[index]!, index);
    });
    await flush();
    return created;
  };

  const seedCustomers = (options: SeedOptions): Promise<string[]> => {
    const { caller } = options;
    const ports = {
      customers: customerRepository(db),
      resellers,
      idempotency: idempotencyRepository(db),
      clock,
      ids,
    };
    return seedEach(options, async (raw, index) => {
      const body = createCustomerBody.parse(raw);
      const { status, json } = await createCustomer(ports, { caller, body, idempotency: () => undefined });
      if (status !== 201) throw new Error(`customer ${index}: ${status} ${JSON.stringify(json)}`);
      return (json as { _id: string })._id;
    });
  };

  const seedInvoices = (options: SeedOptions): Promise<string[]> => {
    const { caller } = options;
    const ports = {
      invoices: invoiceRepository(db),
      directory: directoryRepository(db),
      resellers,
      products: productRepository(db),
      clock,
      ids,
    };
    return seedEach(options, async (body) => {
      const read = readCreateInvoiceRequest(body, caller, startOfDay(clock.now()));
      return (await createInvoice(ports, { caller, ...read })).id;
    });
  };

  return { seedCustomers, seedInvoices, close: () => client.destroy() };
};
