import { connectionReset, type Reply, reply, type SentRequest } from '../helpers.ts';

/**
 * A tiny in-memory Uniconta entity API for unit tests: orders and lines, Name/Value queries,
 * Insert/InsertList/Delete/DeleteList. A fault hook sees each request first and may answer
 * instead ('fail' with a reply), or let it happen and then drop the connection ('drop-after').
 */
export type Entity = Record<string, unknown>;

export type Fault = Reply | 'drop-after' | undefined;

export const defaultVatCodes: Entity[] = [
  { Vat: 'U25', Name: 'Salgsmoms', Rate: 25 },
  { Vat: 'UFRI', Name: 'Momsfri', Rate: 0 },
];
export const defaultItemGroups: Entity[] = [{ Group: 'Varer', SalesVat: 'U25', UseFirstIfBlank: true }];
export const defaultItems: Entity[] = [
  { Item: 'NUM01', Name: 'Nummerleje', Group: 'Varer' },
  { Item: 'FORBRUG1', Name: 'Forbrug', Group: 'Varer' },
];

export const fakeUniconta = (
  options: {
    debtors?: Entity[];
    items?: Entity[];
    /** GLVatClient; default U25 (25 %) and UFRI (0 %). */
    vatCodes?: Entity[];
    /** InvGroupClient; default `Varer`, whose sales carry U25 at home. */
    itemGroups?: Entity[];
    insertAnswer?: 'entity' | 'empty';
    fault?: (request: SentRequest, path: string) => Fault;
  } = {},
) => {
  const orders: Entity[] = [];
  const lines: Entity[] = [];
  let nextOrder = 100;
  let nextRow = 1;

  const apply = (request: SentRequest, path: string): Reply => {
    const url = new URL(request.url);
    const name = url.searchParams.get('Name');
    const value = url.searchParams.get('Value');
    const match = (entity: Entity) => name === null || String(entity[name]) === value;
    if (request.method === 'GET') {
      const all: Record<string, Entity[]> = {
        '/api/Entities/DebtorClient': options.debtors ?? [],
        '/api/Entities/InvItemClient': options.items ?? defaultItems,
        '/api/Entities/GLVatClient': options.vatCodes ?? defaultVatCodes,
        '/api/Entities/InvGroupClient': options.itemGroups ?? defaultItemGroups,
        '/api/Entities/DebtorOrderClient': orders,
        '/api/Entities/DebtorOrderLineClient': lines,
      };
      const set = all[path];
      return set ? reply(200, set.filter(match)) : reply(404, { Err: 'CouldNotFind', Message: path });
    }
    const body = request.body as Entity;
    const list = request.body as Entity[];
    switch (`${request.method} ${path}`) {
      case 'POST /api/Entities/Insert/DebtorOrderClient': {
        const order = { ...body, OrderNumber: nextOrder++, RowId: nextRow++ };
        orders.push(order);
        return options.insertAnswer === 'empty' ? { status: 204 } : reply(200, order);
      }
      case 'POST /api/Entities/InsertList/DebtorOrderLineClient': {
        const inserted = list.map((line, i) => ({
          ...line,
          LineNumber: i + 1,
          RowId: nextRow++,
        }));
        lines.push(...inserted);
        return reply(200, inserted);
      }
      case 'DELETE /api/Entities/Delete/DebtorOrderClient': {
        const index = orders.findIndex((o) => o.OrderNumber === body.OrderNumber);
        if (index < 0) return reply(404, { Err: 'CouldNotFind', Message: 'no such order' });
        if (lines.some((l) => l.OrderNumber === body.OrderNumber)) {
          return reply(409, { Err: 'CouldNotDeleteRecordThatIsReferred', Message: 'lines first' });
        }
        orders.splice(index, 1);
        return { status: 200 };
      }
      case 'DELETE /api/Entities/DeleteList/DebtorOrderLineClient': {
        for (const line of list) {
          const index = lines.findIndex((l) => l.RowId === line.RowId);
          if (index < 0) return reply(404, { Err: 'CouldNotFind', Message: 'no such line' });
          lines.splice(index, 1);
        }
        return { status: 200 };
      }
      default:
        throw new Error(`fake Uniconta: unexpected ${request.method} ${path}`);
    }
  };

  const handler = (request: SentRequest): Reply => {
    const path = new URL(request.url).pathname;
    const fault = options.fault?.(request, path);
    if (fault === 'drop-after') {
      apply(request, path);
      return connectionReset();
    }
    if (fault) return fault;
    return apply(request, path);
  };

  return {
    handler,
    orders,
    lines,
    addOrder: (order: Entity, orderLines: Entity[] = []) => {
      const stored = { ...order, OrderNumber: order.OrderNumber ?? nextOrder++, RowId: nextRow++ };
      orders.push(stored);
      for (const line of orderLines)
        lines.push({ ...line, OrderNumber: stored.OrderNumber, RowId: nextRow++ });
      return stored;
    },
  };
};
