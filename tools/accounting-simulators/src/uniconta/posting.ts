import Big from 'big.js';
import * as z from 'zod';
import { ControlError, parseControlInput } from '../kit/control.ts';
import type { Entity, UnicontaCompany } from './company.ts';

/**
 * What a bookkeeper does in Uniconta's UI, as control actions (`POST /__sim/actions/<action>`),
 * from the facts in docs/contracts/booking-and-vat.md Q5/Q6:
 *
 * - `post-order` `{orderNumber, invoiceNumber?}`: the sales order is invoiced (PostInvoice). A
 *   `DebtorInvoiceClient` is made with the company's next `InvoiceNumber` (or the one given, when
 *   free), the `OrderNumber`, and the order's `YourRef`, `Account` and `Remark` (copied: [inf]); its
 *   `NetAmount`, `VatAmount` and `TotalAmount` by Uniconta's VAT rule (each line's own `Vat`, else
 *   its item group's `SalesVat` for the debtor's zone; the rate of the code; VAT rounded once per
 *   rate). An open item (`DebtorTransOpenClient`) of the total is made. The order and its lines are
 *   deleted, as with `DeleteOrder` set (the default of the flag is unknown, [nf]: the simulator's
 *   choice, since Faktura sends none).
 * - `pay` `{invoiceNumber, amount?}`: settles the open item by `amount`, or wholly. A settled item
 *   stays listed with `AmountOpen` 0 (whether Uniconta keeps or drops them is unknown, [nf]: Faktura
 *   reads both the same).
 * - `delete-order` `{orderNumber}`: the order and its lines deleted by hand.
 */

const postOrder = z.object({
  orderNumber: z.number().int().positive(),
  invoiceNumber: z.number().int().positive().optional(),
});
const pay = z.object({
  invoiceNumber: z.number().int().positive(),
  amount: z.number().positive().optional(),
});
const deleteOrder = z.object({ orderNumber: z.number().int().positive() });

const zoneFields = ['SalesVat', 'SalesVat1', 'SalesVat2', 'SalesVat3', 'SalesVat4'];
const zoneIndex = (zone: unknown): number => {
  const names = ['domestic', 'eumember', 'abroad', 'novatregistration', 'exemptvat'];
  if (typeof zone === 'number') return zone;
  const index = typeof zone === 'string' ? names.indexOf(zone.toLowerCase()) : -1;
  return index === -1 ? 0 : index;
};

/** The line's VAT rate by Uniconta's rule, in percent (0 when no code applies). */
const lineRate = (company: UnicontaCompany, debtor: Entity | undefined, line: Entity): number => {
  let code = typeof line.Vat === 'string' && line.Vat !== '' ? line.Vat : undefined;
  if (code === undefined) {
    const item = company.items.get(String(line.Item ?? ''));
    const group = company.itemGroups.get(String(item?.Group ?? ''));
    if (group) {
      const field = zoneFields[zoneIndex(debtor?.VatZone)] ?? 'SalesVat';
      const own = group[field];
      code =
        typeof own === 'string' && own !== ''
          ? own
          : group.UseFirstIfBlank === true
            ? String(group.SalesVat ?? '')
            : undefined;
    }
  }
  const rate = code === undefined ? undefined : company.vatCodes.get(code)?.Rate;
  return typeof rate === 'number' ? rate : 0;
};

const net = (line: Entity): Big =>
  new Big(String(line.Qty ?? 0)).times(new Big(String(line.Price ?? 0))).round(2, Big.roundHalfUp);

export const postSalesOrder = (company: UnicontaCompany, input: unknown): Entity => {
  const { orderNumber, invoiceNumber } = parseControlInput(postOrder, input, 'post-order');
  const order = company.orders.get(orderNumber);
  if (!order) throw new ControlError(`Order ${orderNumber} does not exist`, 404);
  if (invoiceNumber !== undefined && company.invoices.has(invoiceNumber))
    throw new ControlError(`Invoice number ${invoiceNumber} is already used`);
  const number = invoiceNumber ?? Math.max(0, ...company.invoices.keys()) + 1;
  const debtor = company.debtors.get(String(order.Account));
  const lines = company.lines.filter((line) => line.OrderNumber === orderNumber);
  const byRate = new Map<number, Big>();
  let total = new Big(0);
  for (const line of lines) {
    const amount = net(line);
    total = total.plus(amount);
    const rate = lineRate(company, debtor, line);
    byRate.set(rate, (byRate.get(rate) ?? new Big(0)).plus(amount));
  }
  let vat = new Big(0);
  for (const [rate, amount] of byRate) vat = vat.plus(amount.times(rate).div(100).round(2, Big.roundHalfUp));
  const gross = total.plus(vat);
  const invoice: Entity = {
    InvoiceNumber: number,
    OrderNumber: orderNumber,
    Account: order.Account,
    ...(order.YourRef === undefined ? {} : { YourRef: order.YourRef }),
    ...(order.Remark === undefined ? {} : { Remark: order.Remark }),
    Date: company.today(),
    NetAmount: Number(total.toFixed(2)),
    VatAmount: Number(vat.toFixed(2)),
    TotalAmount: Number(gross.toFixed(2)),
    RowId: company.rowId(),
  };
  company.invoices.set(number, invoice);
  company.openItems.set(number, {
    Invoice: number,
    Account: order.Account,
    Amount: Number(gross.toFixed(2)),
    AmountOpen: Number(gross.toFixed(2)),
    RowId: company.rowId(),
  });
  company.orders.delete(orderNumber);
  company.lines = company.lines.filter((line) => line.OrderNumber !== orderNumber);
  return invoice;
};

export const payInvoice = (company: UnicontaCompany, input: unknown): Entity => {
  const { invoiceNumber, amount } = parseControlInput(pay, input, 'pay');
  const item = company.openItems.get(invoiceNumber);
  if (!item) throw new ControlError(`Invoice ${invoiceNumber} has no open item`, 404);
  const left =
    amount === undefined ? new Big(0) : new Big(String(item.AmountOpen)).minus(new Big(String(amount)));
  const settled = { ...item, AmountOpen: left.lt(0) ? 0 : Number(left.toFixed(2)) };
  company.openItems.set(invoiceNumber, settled);
  return settled;
};

export const deleteOrderByHand = (company: UnicontaCompany, input: unknown): { orderNumber: number } => {
  const { orderNumber } = parseControlInput(deleteOrder, input, 'delete-order');
  if (!company.orders.delete(orderNumber)) throw new ControlError(`Order ${orderNumber} does not exist`, 404);
  company.lines = company.lines.filter((line) => line.OrderNumber !== orderNumber);
  return { orderNumber };
};
