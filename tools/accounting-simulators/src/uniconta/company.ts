import Big from 'big.js';
import { isPlainObject } from '../kit/http.ts';

/**
 * One Uniconta company's entities, as the entity API on the OData host (surface C of
 * `docs/contracts/uniconta.md`) shows them: JSON objects with the SDK's property names, `null`
 * properties left out. Master data (`DebtorClient`, `InvItemClient`, the inventory groups
 * `InvGroupClient` and the VAT codes `GLVatClient`) is preloaded; sales orders
 * (`DebtorOrderClient`) and their lines (`DebtorOrderLineClient`) are inserted and deleted
 * through the API.
 *
 * The error codes are members of the SDK's `Uniconta.Common.ErrorCodes` (contract §5).
 */
export type UnicontaErrorCode =
  | 'AccountIsMissing'
  | 'ArgumentMissing'
  | 'CouldNotCreate'
  | 'CouldNotDeleteRecordThatIsReferred'
  | 'CouldNotFind'
  | 'CouldNotSave'
  | 'Exception'
  | 'FieldCannotBeBlank'
  | 'ItemIsOnHold'
  | 'KeyExists'
  | 'NoLinesFound'
  | 'NoRights';

export type Entity = Record<string, unknown>;

/** A refused operation: the HTTP status and the body's ErrorCodes member, property and value. */
export interface UnicontaFailure {
  readonly status: number;
  readonly code: UnicontaErrorCode;
  readonly message: string;
  readonly property?: string;
  readonly value?: unknown;
}

export type Outcome<T> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly failure: UnicontaFailure };

const fail = (
  status: number,
  code: UnicontaErrorCode,
  message: string,
  property?: string,
  value?: unknown,
): { ok: false; failure: UnicontaFailure } => ({
  ok: false,
  failure: {
    status,
    code,
    message,
    ...(property ? { property } : {}),
    ...(value !== undefined ? { value } : {}),
  },
});

type FieldKind = 'string' | 'int' | 'number' | 'boolean' | 'date' | 'enum';

const dimensions = Object.fromEntries([1, 2, 3, 4, 5].map((n) => [`Dimension${n}`, 'string' as const]));

/** The writable properties of a sales order, by type (others are ignored on insert, as .NET model binding does). */
export const orderFields: Readonly<Record<string, FieldKind>> = {
  OrderNumber: 'int',
  Account: 'string',
  YourRef: 'string',
  Requisition: 'string',
  Remark: 'string',
  ContactName: 'string',
  DeliveryDate: 'date',
  Currency: 'enum',
  Payment: 'string',
  PriceList: 'string',
  LayoutGroup: 'string',
  EndDiscountPct: 'number',
  Employee: 'string',
  PricesInclVat: 'boolean',
  ...dimensions,
  DeliveryName: 'string',
  DeliveryAddress1: 'string',
  DeliveryAddress2: 'string',
  DeliveryAddress3: 'string',
  DeliveryZipCode: 'string',
  DeliveryCity: 'string',
  DeliveryCountry: 'enum',
};

export const lineFields: Readonly<Record<string, FieldKind>> = {
  OrderNumber: 'int',
  LineNumber: 'number',
  Item: 'string',
  Text: 'string',
  Qty: 'number',
  Price: 'number',
  AmountEntered: 'number',
  DiscountPct: 'number',
  Discount: 'number',
  /** The line's VAT code: Uniconta takes it before the item group's (docs/contracts/booking-and-vat.md Q5); it must be one of the company's. */
  Vat: 'string',
  Unit: 'enum',
  Date: 'date',
  Week: 'int',
  Note: 'string',
  Warehouse: 'string',
  Location: 'string',
  ...Object.fromEntries([1, 2, 3, 4, 5].map((n) => [`Variant${n}`, 'string' as const])),
  ...dimensions,
};

/**
 * The most a text property holds, in UTF-16 code units (.NET's string length), as
 * docs/contracts/uniconta.md §3a lists them: a longer value is not stored (Uniconta does not cut
 * it), and the insert fails with `CouldNotSave` naming the property. Modelled here independently of
 * Faktura's own rule (packages/domain/src/uniconta-fields.ts), so that a connector that sends an
 * untrimmed or over-long value is caught by the simulator.
 */
export const orderTextLimits: Readonly<Record<string, number>> = { YourRef: 60, Remark: 250 };
export const lineTextLimits: Readonly<Record<string, number>> = { Text: 250, Note: 1000 };

/** Read-only properties the API adds: they may be sent back (entity JSON as read) and are ignored. */
const readOnlyFields = new Set(['RowId', 'OrderTotal', 'KeyStr']);

const kindName: Record<FieldKind, string> = {
  string: 'System.String',
  int: 'System.Int32',
  number: 'System.Double',
  boolean: 'System.Boolean',
  date: 'System.DateTime',
  enum: 'an enum (name or number)',
};

const fitsKind = (value: unknown, kind: FieldKind): boolean => {
  switch (kind) {
    case 'string':
      return typeof value === 'string';
    case 'int':
      return typeof value === 'number' && Number.isInteger(value);
    case 'number':
      return typeof value === 'number' && Number.isFinite(value);
    case 'boolean':
      return typeof value === 'boolean';
    case 'date':
      return (
        typeof value === 'string' &&
        /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})?)?$/.test(value) &&
        !Number.isNaN(Date.parse(value.slice(0, 10)))
      );
    case 'enum':
      return typeof value === 'string' || (typeof value === 'number' && Number.isInteger(value));
  }
};

/** The known properties of `body`, type-checked; `null` counts as absent. */
const readFields = (
  body: Entity,
  fields: Readonly<Record<string, FieldKind>>,
  limits: Readonly<Record<string, number>>,
  where: string,
): Outcome<Entity> => {
  const entity: Entity = {};
  for (const [name, value] of Object.entries(body)) {
    if (value === null || value === undefined || readOnlyFields.has(name)) continue;
    const kind = fields[name];
    if (!kind) continue;
    if (!fitsKind(value, kind)) {
      return fail(
        400,
        'Exception',
        `${where}Error converting value ${JSON.stringify(value)} to type '${kindName[kind]}'. Path '${name}'.`,
        name,
        value,
      );
    }
    const limit = limits[name];
    if (limit !== undefined && typeof value === 'string' && value.length > limit) {
      return fail(
        400,
        'CouldNotSave',
        `${where}${name} is ${value.length} characters long; the field holds at most ${limit}.`,
        name,
        value,
      );
    }
    entity[name] = kind === 'date' && (value as string).length === 10 ? `${value as string}T00:00:00` : value;
  }
  return { ok: true, value: entity };
};

const blank = (value: unknown): boolean =>
  value === undefined || (typeof value === 'string' && value.trim() === '');

/** What a line adds to `OrderTotal`: Qty × Price less DiscountPct and Discount, or AmountEntered when Qty × Price is 0. */
const lineAmount = (line: Entity): Big => {
  const qty = new Big(String(line.Qty ?? 0));
  const price = new Big(String(line.Price ?? 0));
  const gross = qty.times(price);
  if (gross.eq(0)) return new Big(String(line.AmountEntered ?? 0));
  const pct = new Big(String(line.DiscountPct ?? 0));
  return gross
    .times(new Big(100).minus(pct))
    .div(100)
    .round(2, Big.roundHalfUp)
    .minus(new Big(String(line.Discount ?? 0)));
};

export interface CompanyOptions {
  /** `series` (default): order numbers only go up; `reuse`: the next is the highest in use plus one. */
  readonly orderNumbers: 'series' | 'reuse';
  /** `refuse` (default): deleting an order that still has lines fails; `cascade`: its lines go too. */
  readonly deleteOrderWithLines: 'refuse' | 'cascade';
}

/** The inventory group an item without one belongs to (every Uniconta item has a group). */
export const defaultItemGroup = 'Varer';

export class UnicontaCompany {
  public readonly debtors = new Map<string, Entity>();
  public readonly items = new Map<string, Entity>();
  /** `GLVatClient` by code: `Vat`, `Name`, `Rate` (percent). */
  public readonly vatCodes = new Map<string, Entity>();
  /** `InvGroupClient` by group: `SalesVat`…`SalesVat4` per debtor VAT zone, `UseFirstIfBlank`. */
  public readonly itemGroups = new Map<string, Entity>();
  public readonly orders = new Map<number, Entity>();
  public lines: Entity[] = [];
  /** Posted invoices (`DebtorInvoiceClient`) by number, and their open items (`DebtorTransOpenClient`), made by posting.ts. */
  public readonly invoices = new Map<number, Entity>();
  public readonly openItems = new Map<number, Entity>();
  private nextRowId = 1;
  private lastOrderNumber = 0;

  public constructor(
    public readonly companyId: number,
    public readonly name: string,
  ) {
    // A Danish company's sales VAT as set up out of the box: 25 % at home, none to the EU or abroad,
    // and a 0 % code for VAT-exempt sales.
    for (const [Vat, Name, Rate] of [
      ['U25', 'Salgsmoms 25 %', 25],
      ['UEU', 'Salg til EU', 0],
      ['UUDL', 'Salg til udlandet', 0],
      ['UFRI', 'Momsfritaget salg', 0],
    ] as const)
      this.addVatCode({ Vat, Name, Rate });
    this.addItemGroup({
      Group: defaultItemGroup,
      Name: 'Varer',
      SalesVat: 'U25',
      SalesVat1: 'UEU',
      SalesVat2: 'UUDL',
      SalesVat4: 'UFRI',
      UseFirstIfBlank: true,
    });
  }

  public clone(): UnicontaCompany {
    const copy = new UnicontaCompany(this.companyId, this.name);
    for (const [key, value] of this.debtors) copy.debtors.set(key, value);
    for (const [key, value] of this.items) copy.items.set(key, value);
    for (const [key, value] of this.vatCodes) copy.vatCodes.set(key, value);
    for (const [key, value] of this.itemGroups) copy.itemGroups.set(key, value);
    for (const [key, value] of this.invoices) copy.invoices.set(key, value);
    for (const [key, value] of this.openItems) copy.openItems.set(key, value);
    for (const [key, value] of this.orders) copy.orders.set(key, value);
    copy.lines = [...this.lines];
    copy.nextRowId = this.nextRowId;
    copy.lastOrderNumber = this.lastOrderNumber;
    return copy;
  }

  /** The day a posting is dated: today, as Uniconta writes a date. */
  public today(): string {
    return `${new Date().toISOString().slice(0, 10)}T00:00:00`;
  }

  public rowId(): number {
    const id = this.nextRowId;
    this.nextRowId += 1;
    return id;
  }

  public addDebtor(debtor: Entity & { Account: string }): void {
    this.debtors.set(debtor.Account, { ...debtor, KeyStr: debtor.Account, RowId: this.rowId() });
  }

  public addItem(item: Entity & { Item: string }): void {
    this.items.set(item.Item, { Group: defaultItemGroup, ...item, KeyStr: item.Item, RowId: this.rowId() });
  }

  // Row ids of their own (each table numbers its rows), so that the defaults do not shift the
  // row ids of the debtors, items and orders that tests see.
  public addVatCode(code: Entity & { Vat: string }): void {
    const RowId = (this.vatCodes.get(code.Vat)?.RowId as number | undefined) ?? this.vatCodes.size + 1;
    this.vatCodes.set(code.Vat, { ...code, KeyStr: code.Vat, RowId });
  }

  public addItemGroup(group: Entity & { Group: string }): void {
    const RowId = (this.itemGroups.get(group.Group)?.RowId as number | undefined) ?? this.itemGroups.size + 1;
    this.itemGroups.set(group.Group, { ...group, KeyStr: group.Group, RowId });
  }

  /** `Insert/DebtorOrderClient`. */
  public insertOrder(body: unknown, options: CompanyOptions): Outcome<Entity> {
    if (!isPlainObject(body)) return fail(400, 'Exception', 'The body must be one DebtorOrderClient object.');
    const read = readFields(body, orderFields, orderTextLimits, '');
    if (!read.ok) return read;
    const order = read.value;
    if (blank(order.Account))
      return fail(400, 'AccountIsMissing', 'The order has no Account (debtor).', 'Account');
    const debtor = this.debtors.get(order.Account as string);
    if (!debtor) {
      return fail(
        400,
        'CouldNotFind',
        `Debtor ${String(order.Account)} does not exist.`,
        'Account',
        order.Account,
      );
    }
    if (debtor.Blocked === true) {
      return fail(
        400,
        'CouldNotCreate',
        `Debtor ${String(order.Account)} is blocked.`,
        'Account',
        order.Account,
      );
    }
    let number = order.OrderNumber as number | undefined;
    if (number === undefined || number === 0) {
      number =
        options.orderNumbers === 'reuse'
          ? Math.max(0, ...this.orders.keys()) + 1
          : Math.max(this.lastOrderNumber, ...this.orders.keys()) + 1;
    } else if (this.orders.has(number)) {
      return fail(409, 'KeyExists', `Order ${number} already exists.`, 'OrderNumber', number);
    } else if (number < 0) {
      return fail(400, 'Exception', `OrderNumber ${number} is not allowed.`, 'OrderNumber', number);
    }
    this.lastOrderNumber = Math.max(this.lastOrderNumber, number);
    const stored: Entity = { ...order, OrderNumber: number, RowId: this.rowId() };
    this.orders.set(number, stored);
    return { ok: true, value: this.renderOrder(stored) };
  }

  /** `InsertList/DebtorOrderLineClient`: all lines or none. */
  public insertLines(body: unknown, skew = false): Outcome<Entity[]> {
    if (!Array.isArray(body))
      return fail(400, 'Exception', 'The body must be a JSON array of DebtorOrderLineClient.');
    if (body.length === 0) return fail(400, 'NoLinesFound', 'The list holds no lines.');
    const prepared: Entity[] = [];
    const nextLineNumber = new Map<number, number>();
    for (const [index, raw] of body.entries()) {
      const where = `Line ${index + 1} (index ${index}): `;
      if (!isPlainObject(raw)) return fail(400, 'Exception', `${where}not a DebtorOrderLineClient object.`);
      const read = readFields(raw, lineFields, lineTextLimits, where);
      if (!read.ok) return read;
      const line = read.value;
      if (line.OrderNumber === undefined || line.OrderNumber === 0) {
        return fail(400, 'FieldCannotBeBlank', `${where}OrderNumber cannot be blank.`, 'OrderNumber');
      }
      const order = this.orders.get(line.OrderNumber as number);
      if (!order) {
        return fail(
          400,
          'CouldNotFind',
          `${where}order ${String(line.OrderNumber)} does not exist.`,
          'OrderNumber',
          line.OrderNumber,
        );
      }
      const debtor = this.debtors.get(order.Account as string);
      if (!debtor) {
        return fail(
          400,
          'CouldNotFind',
          `${where}debtor ${String(order.Account)} does not exist.`,
          'Account',
          order.Account,
        );
      }
      if (debtor.Blocked === true) {
        return fail(
          400,
          'CouldNotCreate',
          `${where}debtor ${String(order.Account)} is blocked.`,
          'Account',
          order.Account,
        );
      }
      if (!blank(line.Vat) && !this.vatCodes.has(line.Vat as string)) {
        return fail(
          400,
          'CouldNotFind',
          `${where}VAT code ${String(line.Vat)} does not exist.`,
          'Vat',
          line.Vat,
        );
      }
      if (blank(line.Item) && blank(line.Text)) {
        return fail(400, 'FieldCannotBeBlank', `${where}a line needs an Item or a Text.`, 'Item');
      }
      if (!blank(line.Item)) {
        const item = this.items.get(line.Item as string);
        if (!item)
          return fail(
            400,
            'CouldNotFind',
            `${where}item ${String(line.Item)} does not exist.`,
            'Item',
            line.Item,
          );
        if (item.Blocked === true) {
          return fail(
            400,
            'ItemIsOnHold',
            `${where}item ${String(line.Item)} is blocked.`,
            'Item',
            line.Item,
          );
        }
      }
      const orderNumber = line.OrderNumber as number;
      if (line.LineNumber === undefined) {
        const next =
          nextLineNumber.get(orderNumber) ??
          Math.max(
            0,
            ...this.lines.filter((l) => l.OrderNumber === orderNumber).map((l) => l.LineNumber as number),
          ) + 1;
        line.LineNumber = next;
        nextLineNumber.set(orderNumber, next + 1);
      } else {
        nextLineNumber.set(
          orderNumber,
          Math.max(nextLineNumber.get(orderNumber) ?? 0, (line.LineNumber as number) + 1),
        );
      }
      prepared.push(line);
    }
    // The `skew-amounts` fault: the first line kept 1.00 dearer than it was sent.
    if (skew && prepared[0])
      prepared[0] = { ...prepared[0], Price: Number(new Big(String(prepared[0].Price ?? 0)).plus(1)) };
    const inserted = prepared.map((line) => ({ ...line, RowId: this.rowId() }));
    this.lines.push(...inserted);
    return { ok: true, value: inserted.map((line) => ({ ...line })) };
  }

  /** `Delete`/`DeleteList` of `DebtorOrderClient`: every order must exist (by OrderNumber, and RowId when sent). */
  public deleteOrders(list: readonly unknown[], options: CompanyOptions): Outcome<number> {
    const numbers: number[] = [];
    for (const [index, raw] of list.entries()) {
      const where = list.length > 1 ? `Record ${index + 1} (index ${index}): ` : '';
      if (!isPlainObject(raw)) return fail(400, 'Exception', `${where}not a DebtorOrderClient object.`);
      const number = raw.OrderNumber;
      if (typeof number !== 'number' || !Number.isInteger(number) || number === 0) {
        return fail(400, 'FieldCannotBeBlank', `${where}OrderNumber cannot be blank.`, 'OrderNumber');
      }
      const order = this.orders.get(number);
      if (!order || (typeof raw.RowId === 'number' && raw.RowId !== order.RowId)) {
        return fail(404, 'CouldNotFind', `${where}order ${number} does not exist.`, 'OrderNumber', number);
      }
      if (
        options.deleteOrderWithLines === 'refuse' &&
        this.lines.some((line) => line.OrderNumber === number)
      ) {
        return fail(
          409,
          'CouldNotDeleteRecordThatIsReferred',
          `${where}order ${number} still has lines; delete them first.`,
          'OrderNumber',
          number,
        );
      }
      numbers.push(number);
    }
    for (const number of numbers) {
      this.orders.delete(number);
      this.lines = this.lines.filter((line) => line.OrderNumber !== number);
    }
    return { ok: true, value: numbers.length };
  }

  /** `Delete`/`DeleteList` of `DebtorOrderLineClient`: each line by RowId, else by OrderNumber and LineNumber. */
  public deleteLines(list: readonly unknown[]): Outcome<number> {
    const doomed = new Set<Entity>();
    for (const [index, raw] of list.entries()) {
      const where = list.length > 1 ? `Record ${index + 1} (index ${index}): ` : '';
      if (!isPlainObject(raw)) return fail(400, 'Exception', `${where}not a DebtorOrderLineClient object.`);
      const found =
        typeof raw.RowId === 'number'
          ? this.lines.find((line) => line.RowId === raw.RowId)
          : typeof raw.OrderNumber === 'number' && typeof raw.LineNumber === 'number'
            ? this.lines.find(
                (line) => line.OrderNumber === raw.OrderNumber && line.LineNumber === raw.LineNumber,
              )
            : undefined;
      if (
        typeof raw.RowId !== 'number' &&
        (typeof raw.OrderNumber !== 'number' || typeof raw.LineNumber !== 'number')
      ) {
        return fail(
          400,
          'FieldCannotBeBlank',
          `${where}send the line as read (RowId, or OrderNumber and LineNumber).`,
          'RowId',
        );
      }
      if (!found) return fail(404, 'CouldNotFind', `${where}the line does not exist.`, 'RowId', raw.RowId);
      doomed.add(found);
    }
    this.lines = this.lines.filter((line) => !doomed.has(line));
    return { ok: true, value: doomed.size };
  }

  public renderOrder(order: Entity): Entity {
    const total = this.lines
      .filter((line) => line.OrderNumber === order.OrderNumber)
      .reduce((sum, line) => sum.plus(lineAmount(line)), new Big(0));
    return { ...order, OrderTotal: Number(total.toFixed(2)) };
  }

  /** Every entity of a type, in key order. */
  public all(entity: UnicontaEntityName): Entity[] {
    switch (entity) {
      case 'DebtorClient':
        return [...this.debtors.values()].sort((a, b) => compareKeys(a.Account, b.Account));
      case 'InvItemClient':
        return [...this.items.values()].sort((a, b) => compareKeys(a.Item, b.Item));
      case 'GLVatClient':
        return [...this.vatCodes.values()].sort((a, b) => compareKeys(a.Vat, b.Vat));
      case 'InvGroupClient':
        return [...this.itemGroups.values()].sort((a, b) => compareKeys(a.Group, b.Group));
      case 'DebtorInvoiceClient':
        return [...this.invoices.values()].sort(
          (a, b) => (a.InvoiceNumber as number) - (b.InvoiceNumber as number),
        );
      case 'DebtorTransOpenClient':
        return [...this.openItems.values()].sort((a, b) => (a.Invoice as number) - (b.Invoice as number));
      case 'DebtorOrderClient':
        return [...this.orders.values()]
          .sort((a, b) => (a.OrderNumber as number) - (b.OrderNumber as number))
          .map((order) => this.renderOrder(order));
      case 'DebtorOrderLineClient':
        return [...this.lines].sort(
          (a, b) =>
            (a.OrderNumber as number) - (b.OrderNumber as number) ||
            (a.LineNumber as number) - (b.LineNumber as number),
        );
    }
  }
}

export const unicontaEntityNames = [
  'DebtorClient',
  'InvItemClient',
  'GLVatClient',
  'InvGroupClient',
  'DebtorInvoiceClient',
  'DebtorTransOpenClient',
  'DebtorOrderClient',
  'DebtorOrderLineClient',
] as const;
export type UnicontaEntityName = (typeof unicontaEntityNames)[number];

const compareKeys = (a: unknown, b: unknown): number => {
  const left = String(a);
  const right = String(b);
  return left < right ? -1 : left > right ? 1 : 0;
};

/** The properties `?Name=` may name: the known fields of orders and lines; any property of master data. */
export const queryableFields = (entity: UnicontaEntityName): ReadonlySet<string> | undefined => {
  if (entity === 'DebtorOrderClient') return new Set([...Object.keys(orderFields), 'RowId', 'OrderTotal']);
  if (entity === 'DebtorOrderLineClient') return new Set([...Object.keys(lineFields), 'RowId']);
  return undefined;
};
