import type { ErrorObject } from 'ajv';
import type Big from 'big.js';
import { isPlainObject } from '../kit/http.ts';
import { round2, toBig, toNumber } from './amounts.ts';
import { AnnotatedErrors, type ErrorPath, type FieldError } from './errors.ts';
import type { AgreementData, DraftDocument, DraftLine, PaymentTermsRecord, ProductRecord } from './model.ts';
import { decodeProductNumber } from './render.ts';
import { convertedSchema, type JsonSchema, validateRequest } from './schemas.ts';
import { documentVat, lineVatRate } from './vat.ts';

/**
 * `POST /orders/drafts`: the body checked the way e-conomic checks it (contract §3), all at once
 * (one bad line rejects the whole order, RD "Annotated errors"), then turned into the stored draft.
 *
 * 1. explicit `null` anywhere → "Invalid type. Expected String but got Null." (RD "Nulling");
 * 2. e-conomic's own schema `orders.drafts.post.schema.json` (required fields, types, maxLength,
 *    minimum, pattern, format, enum; `maxDecimal` → `E04740`);
 * 3. line rules: product without identifier → `E04500`; product without quantity → `E04730`;
 *    product without description; quantity or unitNetPrice without product; quantity below 0.01
 *    (the read schema's minimum); a lineNumber used twice;
 * 4. references: customer, layout, payment terms, VAT zone, products, units, currency must exist
 *    (`E06000` "<property> does not exist."); a barred customer or product, a deleted layout are
 *    refused; payment terms of type `dueDate` need `dueDate` (`E04042`) not before `date`
 *    (`E04760`); a `paymentTermsType` that differs from the terms' own → `E07180`.
 *
 * Only fields that passed the schema are checked further. The result's amounts are computed in
 * exact decimals: each line's `totalNetAmount` = quantity × unitNetPrice × (1 − discount/100),
 * rounded half-up to 2 decimals; `netAmount` their sum; `vatAmount` by e-conomic's rule (vat.ts: each
 * line's rate from its product's group and the recipient's VAT zone; the net per rate, its VAT
 * rounded once); `grossAmount` = net + VAT.
 */
export type DraftBuild =
  | { readonly ok: true; readonly document: DraftDocument }
  | { readonly ok: false; readonly errors: AnnotatedErrors };

export interface DraftContext {
  readonly data: AgreementData;
  readonly baseCurrency: string;
  /** `lastUpdated` of the new draft. */
  readonly now: string;
  readonly baseUrl: string;
}

const formatHint = 'Please check the format of your data.';
const dataHint = 'Please check your request data.';
const listHint = (base: string, resource: string) => `Find a list of resources at ${base}/${resource}.`;

let postSchema: JsonSchema | undefined;

const typeNames: Record<string, string> = {
  string: 'String',
  integer: 'Integer',
  number: 'Number',
  boolean: 'Boolean',
  object: 'Object',
  array: 'Array',
};

const jsonTypeName = (value: unknown): string => {
  if (value === null) return 'Null';
  if (Array.isArray(value)) return 'Array';
  if (typeof value === 'number') return Number.isInteger(value) ? 'Integer' : 'Float';
  if (typeof value === 'string') return 'String';
  if (typeof value === 'boolean') return 'Boolean';
  return 'Object';
};

const expectedTypeName = (schema: JsonSchema | undefined): string => {
  if (!schema) return 'Value';
  if (typeof schema.type === 'string') return typeNames[schema.type] ?? 'Value';
  return Array.isArray(schema.enum) ? 'String' : 'Value';
};

const numberWords = ['zero', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight'];

const pathOf = (instancePath: string): (string | number)[] =>
  instancePath
    .split('/')
    .slice(1)
    .map((part) => part.replace(/~1/g, '/').replace(/~0/g, '~'))
    .map((part) => (/^\d+$/.test(part) ? Number(part) : part));

const quoted = (value: unknown): string => (typeof value === 'string' ? `'${value}'` : JSON.stringify(value));

/** One Ajv error as e-conomic reports it: where, and the error object. */
const schemaError = (error: ErrorObject): { path: ErrorPath; error: FieldError } | undefined => {
  const path = pathOf(error.instancePath);
  const data = error.data as unknown;
  const property = String(path[path.length - 1] ?? '');
  const kind = jsonTypeName(data);
  switch (error.keyword) {
    case 'required': {
      const missing = (error.params as { missingProperty: string }).missingProperty;
      return {
        path: [...path, missing],
        error: {
          message: `Required properties are missing from object: ${missing}.`,
          developerHint: dataHint,
        },
      };
    }
    case 'type':
      if (data === null) return undefined;
      return {
        path,
        error: {
          message: `Invalid type. Expected ${typeNames[String(error.schema)] ?? String(error.schema)} but got ${kind}.`,
          value: data,
          developerHint: formatHint,
        },
      };
    case 'maxDecimal':
      return {
        path,
        error: {
          errorCode: 'E04740',
          message: `${property} scale cannot be greater then ${numberWords[Number(error.schema)] ?? String(error.schema)} decimal places.`,
          value: data,
          developerHint: formatHint,
        },
      };
    case 'minimum':
      return {
        path,
        error: {
          message: `${kind} ${String(data)} is less than minimum value of ${String(error.schema)}.`,
          value: data,
          developerHint: dataHint,
        },
      };
    case 'exclusiveMinimum':
      return {
        path,
        error: {
          message: `${kind} ${String(data)} equals exclusive minimum value of ${String(error.schema)}.`,
          value: data,
          developerHint: dataHint,
        },
      };
    case 'maximum':
      return {
        path,
        error: {
          message: `${kind} ${String(data)} exceeds maximum value of ${String(error.schema)}.`,
          value: data,
          developerHint: dataHint,
        },
      };
    case 'maxLength':
      return {
        path,
        error: {
          message: `String ${quoted(data)} exceeds maximum length of ${String(error.schema)}.`,
          value: data,
          developerHint: formatHint,
        },
      };
    case 'minLength':
      return {
        path,
        error: {
          message: `String ${quoted(data)} is less than minimum length of ${String(error.schema)}.`,
          value: data,
          developerHint: formatHint,
        },
      };
    case 'pattern':
      return {
        path,
        error: {
          message: `String ${quoted(data)} does not match regex pattern '${String(error.schema)}'.`,
          value: data,
          developerHint: formatHint,
        },
      };
    case 'format':
      return {
        path,
        error: {
          message: `String ${quoted(data)} does not validate against format '${String(error.schema)}'.`,
          value: data,
          developerHint: formatHint,
        },
      };
    case 'enum':
      return {
        path,
        error: {
          message: `Value ${quoted(data)} is not defined in enum.`,
          value: data,
          developerHint: formatHint,
        },
      };
    default:
      return {
        path,
        error: { message: error.message ?? error.keyword, value: data, developerHint: dataHint },
      };
  }
};

/** Every explicit null, with the type the schema expects there ("Expected String but got Null"). */
const findNulls = (
  value: unknown,
  schema: JsonSchema | undefined,
  path: ErrorPath,
  errors: AnnotatedErrors,
) => {
  if (value === null) {
    errors.add(path, {
      message: `Invalid type. Expected ${expectedTypeName(schema)} but got Null.`,
      value: null,
      developerHint: 'To null a property, leave it out of the request.',
    });
    return;
  }
  if (Array.isArray(value)) {
    for (const [index, item] of value.entries()) {
      findNulls(item, schema?.items as JsonSchema | undefined, [...path, index], errors);
    }
    return;
  }
  if (isPlainObject(value)) {
    const properties = schema?.properties as Record<string, JsonSchema> | undefined;
    for (const [key, item] of Object.entries(value))
      findNulls(item, properties?.[key], [...path, key], errors);
  }
};

type Reference<T> = { readonly kind: 'found'; readonly value: T } | { readonly kind: 'missing' };

/** A reference object's identifier: its number, or the number at the end of its `self` link. */
const referenceNumber = (
  reference: Record<string, unknown>,
  numberKey: string,
  resource: string,
): Reference<number> => {
  if (typeof reference[numberKey] === 'number') return { kind: 'found', value: reference[numberKey] };
  if (typeof reference.self === 'string') {
    const match = new RegExp(`/${resource}/(-?\\d+)/?(?:[?#].*)?$`).exec(reference.self);
    if (match) return { kind: 'found', value: Number(match[1]) };
  }
  return { kind: 'missing' };
};

const productNumberOf = (product: Record<string, unknown>): Reference<string> => {
  if (typeof product.productNumber === 'string') return { kind: 'found', value: product.productNumber };
  if (typeof product.self === 'string') {
    const match = /\/products\/([^/?#]+)\/?(?:[?#].*)?$/.exec(product.self);
    if (match) {
      let segment = match[1] as string;
      try {
        segment = decodeURIComponent(segment);
      } catch {
        // keep it raw
      }
      return { kind: 'found', value: decodeProductNumber(segment) };
    }
  }
  return { kind: 'missing' };
};

const knownCurrencies = new Set(Intl.supportedValuesOf('currency'));

const addDays = (date: string, days: number): string => {
  const time = Date.parse(`${date}T00:00:00Z`) + days * 86_400_000;
  return new Date(time).toISOString().slice(0, 10);
};

/** The due date e-conomic derives from payment terms (approximated per type; `dueDate` terms: as sent). */
const deriveDueDate = (
  date: string,
  terms: PaymentTermsRecord,
  sent: string | undefined,
): string | undefined => {
  const days = terms.daysOfCredit ?? 0;
  const day = new Date(`${date}T00:00:00Z`);
  switch (terms.paymentTermsType) {
    case 'dueDate':
      return sent;
    case 'invoiceMonth': {
      const endOfMonth = new Date(Date.UTC(day.getUTCFullYear(), day.getUTCMonth() + 1, 0));
      return addDays(endOfMonth.toISOString().slice(0, 10), days);
    }
    case 'invoiceWeekStartingMonday':
    case 'invoiceWeekStartingSunday': {
      const weekday = day.getUTCDay();
      const toEnd = terms.paymentTermsType === 'invoiceWeekStartingMonday' ? (7 - weekday) % 7 : 6 - weekday;
      return addDays(date, toEnd + days);
    }
    default:
      return addDays(date, days);
  }
};

const objectAt = (value: unknown): Record<string, unknown> | undefined =>
  isPlainObject(value) ? value : undefined;

export const buildDraft = (
  body: Record<string, unknown>,
  context: DraftContext,
  orderNumber: number,
): DraftBuild => {
  const errors = new AnnotatedErrors();
  const { data, baseUrl } = context;
  postSchema ??= convertedSchema('orders.drafts.post');

  findNulls(body, postSchema, [], errors);
  for (const ajvError of validateRequest('orders.drafts.post', body)) {
    const mapped = schemaError(ajvError);
    if (mapped) errors.add(mapped.path, mapped.error);
  }
  const clean = (path: ErrorPath) => !errors.has(path);

  // Currency
  const currency = body.currency as string;
  if (clean(['currency']) && !knownCurrencies.has(currency.toUpperCase())) {
    errors.add(['currency'], {
      errorCode: 'E06000',
      message: 'currency does not exist.',
      value: currency,
      developerHint: `Find a list of currencies at ${baseUrl}/currencies.`,
    });
  }

  // Customer
  const customerBody = objectAt(body.customer);
  let customerNumber: number | undefined;
  if (customerBody && clean(['customer'])) {
    const reference = referenceNumber(customerBody, 'customerNumber', 'customers');
    if (reference.kind === 'missing') {
      errors.add(['customer'], {
        errorCode: 'E04500',
        message: 'No identifiers present on customer. Please include either a self link or a customerNumber.',
        developerHint: listHint(baseUrl, 'customers'),
      });
    } else {
      const customer = data.customers.get(reference.value);
      if (!customer) {
        errors.add(['customer'], {
          errorCode: 'E06000',
          message: 'customer does not exist.',
          value: reference.value,
          developerHint: listHint(baseUrl, 'customers'),
        });
      } else if (customer.barred) {
        errors.add(['customer'], {
          message: `Customer ${customer.customerNumber} is barred.`,
          value: reference.value,
          developerHint: 'A barred customer cannot be used on new sales documents.',
        });
      } else {
        customerNumber = customer.customerNumber;
      }
    }
  }

  // Layout
  const layoutBody = objectAt(body.layout);
  let layoutNumber: number | undefined;
  if (layoutBody && clean(['layout'])) {
    const reference = referenceNumber(layoutBody, 'layoutNumber', 'layouts');
    if (reference.kind === 'missing') {
      errors.add(['layout'], {
        errorCode: 'E04500',
        message: 'No identifiers present on layout. Please include either a self link or a layoutNumber.',
        developerHint: listHint(baseUrl, 'layouts'),
      });
    } else {
      const layout = data.layouts.get(reference.value);
      if (!layout) {
        errors.add(['layout'], {
          errorCode: 'E06000',
          message: 'layout does not exist.',
          value: reference.value,
          developerHint: listHint(baseUrl, 'layouts'),
        });
      } else if (layout.deleted) {
        errors.add(['layout'], {
          message: `Layout ${layout.layoutNumber} is deleted.`,
          value: reference.value,
          developerHint: listHint(baseUrl, 'layouts'),
        });
      } else {
        layoutNumber = layout.layoutNumber;
      }
    }
  }

  // Payment terms and due date
  const termsBody = objectAt(body.paymentTerms);
  let terms: PaymentTermsRecord | undefined;
  if (termsBody && clean(['paymentTerms'])) {
    const reference = referenceNumber(termsBody, 'paymentTermsNumber', 'payment-terms');
    if (reference.kind === 'missing') {
      errors.add(['paymentTerms'], {
        errorCode: 'E04500',
        message:
          'No identifiers present on paymentTerms. Please include either a self link or a paymentTermsNumber.',
        developerHint: listHint(baseUrl, 'payment-terms'),
      });
    } else {
      terms = data.paymentTerms.get(reference.value);
      if (!terms) {
        errors.add(['paymentTerms'], {
          errorCode: 'E06000',
          message: 'paymentTerms does not exist.',
          value: reference.value,
          developerHint: listHint(baseUrl, 'payment-terms'),
        });
      } else if (
        typeof termsBody.paymentTermsType === 'string' &&
        termsBody.paymentTermsType !== terms.paymentTermsType
      ) {
        errors.add(['paymentTerms', 'paymentTermsType'], {
          errorCode: 'E07180',
          message: `The paymentTermsType does not match payment terms ${terms.paymentTermsNumber} (${terms.paymentTermsType}). Use ${terms.paymentTermsType}, or omit the property.`,
          value: termsBody.paymentTermsType,
          developerHint: dataHint,
        });
        terms = undefined;
      }
    }
  }
  const date = body.date as string;
  const sentDueDate = typeof body.dueDate === 'string' ? body.dueDate : undefined;
  if (terms?.paymentTermsType === 'dueDate' && clean(['dueDate'])) {
    if (sentDueDate === undefined) {
      errors.add(['dueDate'], {
        errorCode: 'E04042',
        message: 'Property dueDate must have a value when the payment terms are of type dueDate.',
        developerHint: dataHint,
      });
    } else if (clean(['date']) && sentDueDate < date) {
      errors.add(['dueDate'], {
        errorCode: 'E04760',
        message: 'dueDate cannot be earlier than date.',
        value: sentDueDate,
        developerHint: dataHint,
      });
    }
  }

  // Recipient VAT zone
  const recipientBody = objectAt(body.recipient);
  const vatZoneBody = objectAt(recipientBody?.vatZone);
  let vatZoneNumber: number | undefined;
  if (vatZoneBody && clean(['recipient', 'vatZone'])) {
    const reference = referenceNumber(vatZoneBody, 'vatZoneNumber', 'vat-zones');
    if (reference.kind === 'missing') {
      errors.add(['recipient', 'vatZone'], {
        errorCode: 'E04500',
        message: 'No identifiers present on vatZone. Please include either a self link or a vatZoneNumber.',
        developerHint: listHint(baseUrl, 'vat-zones'),
      });
    } else {
      const zone = data.vatZones.get(reference.value);
      if (!zone) {
        errors.add(['recipient', 'vatZone'], {
          errorCode: 'E06000',
          message: 'vatZone does not exist.',
          value: reference.value,
          developerHint: listHint(baseUrl, 'vat-zones'),
        });
      } else {
        vatZoneNumber = zone.vatZoneNumber;
      }
    }
  }

  // Lines
  const linesBody = Array.isArray(body.lines) ? body.lines : [];
  const explicitNumbers = new Map<number, number>();
  for (const [index, raw] of linesBody.entries()) {
    const line = objectAt(raw);
    if (!line || typeof line.lineNumber !== 'number' || !clean(['lines', index, 'lineNumber'])) continue;
    const first = explicitNumbers.get(line.lineNumber);
    if (first === undefined) explicitNumbers.set(line.lineNumber, index);
    else {
      errors.add(['lines', index, 'lineNumber'], {
        message: `Line number ${line.lineNumber} is already used by the line at index ${first}.`,
        value: line.lineNumber,
        developerHint: 'The line number is a unique number within the order.',
      });
    }
  }
  const products: (ProductRecord | undefined)[] = [];
  const units: ({ unitNumber: number; name: string } | undefined)[] = [];
  for (const [index, raw] of linesBody.entries()) {
    const line = objectAt(raw);
    const at = (key: string): ErrorPath => ['lines', index, key];
    if (!line) continue;
    const productBody = objectAt(line.product);
    if (productBody && clean(at('product'))) {
      const reference = productNumberOf(productBody);
      if (reference.kind === 'missing') {
        errors.add(at('product'), {
          errorCode: 'E04500',
          message: 'No identifiers present on product. Please include either a self link or a productNumber.',
          developerHint: listHint(baseUrl, 'products'),
        });
      } else {
        const product = data.products.get(reference.value);
        if (!product) {
          errors.add(at('product'), {
            errorCode: 'E06000',
            message: 'product does not exist.',
            value: reference.value,
            developerHint: listHint(baseUrl, 'products'),
          });
        } else if (product.barred) {
          errors.add(at('product'), {
            message: `Product ${product.productNumber} is barred and can no longer be sold.`,
            value: reference.value,
            developerHint: listHint(baseUrl, 'products'),
          });
        } else {
          products[index] = product;
        }
      }
      if (line.quantity === undefined) {
        errors.add(at('quantity'), {
          errorCode: 'E04730',
          message: 'Property quantity must have a value when product is set.',
          developerHint: dataHint,
        });
      }
      if (line.description === undefined) {
        errors.add(at('description'), {
          message: 'Property description must have a value when product is set.',
          developerHint: dataHint,
        });
      }
    } else if (!productBody && (line.quantity !== undefined || line.unitNetPrice !== undefined)) {
      errors.add(at('product'), {
        message: 'Property product must have a value when quantity or unitNetPrice is set.',
        developerHint: 'A line without a product carries only a description.',
      });
    }
    if (typeof line.quantity === 'number' && clean(at('quantity')) && line.quantity < 0.01) {
      errors.add(at('quantity'), {
        message: `${jsonTypeName(line.quantity)} ${line.quantity} is less than minimum value of 0.01.`,
        value: line.quantity,
        developerHint: dataHint,
      });
    }
    const unitBody = objectAt(line.unit);
    if (unitBody && clean(at('unit'))) {
      const reference = referenceNumber(unitBody, 'unitNumber', 'units');
      const unit = reference.kind === 'found' ? data.units.get(reference.value) : undefined;
      if (reference.kind === 'missing') {
        errors.add(at('unit'), {
          errorCode: 'E04500',
          message: 'No identifiers present on unit. Please include either a self link or a unitNumber.',
          developerHint: listHint(baseUrl, 'units'),
        });
      } else if (!unit) {
        errors.add(at('unit'), {
          errorCode: 'E06000',
          message: 'unit does not exist.',
          value: reference.value,
          developerHint: `Find a list of units at ${baseUrl}/units.`,
        });
      } else {
        units[index] = unit;
      }
    }
  }

  if (errors.size > 0) return { ok: false, errors };

  // Valid: compute and build.
  const exchangeRate =
    typeof body.exchangeRate === 'number'
      ? body.exchangeRate
      : 100; /* base currency, or no daily rates here */
  const rate = toBig(exchangeRate).div(100);
  const usedNumbers = new Set(explicitNumbers.keys());
  let nextNumber = 1;
  let net: Big = toBig(0);
  let cost: Big = toBig(0);
  const taxed: { net: Big; rate: number }[] = [];
  const lines: DraftLine[] = linesBody.map((raw, index) => {
    const line = raw as Record<string, unknown>;
    let lineNumber = line.lineNumber as number | undefined;
    if (lineNumber === undefined) {
      while (usedNumbers.has(nextNumber)) nextNumber += 1;
      lineNumber = nextNumber;
      usedNumbers.add(lineNumber);
    }
    const product = products[index];
    const productUnit = product?.unit ? data.units.get(product.unit.unitNumber) : undefined;
    const unit = units[index] ?? productUnit;
    const quantity = line.quantity as number | undefined;
    const unitNetPrice =
      (line.unitNetPrice as number | undefined) ?? (product ? (product.salesPrice ?? 0) : undefined);
    const discountPercentage = (line.discountPercentage as number | undefined) ?? (product ? 0 : undefined);
    const unitCostPrice =
      (line.unitCostPrice as number | undefined) ?? (product ? (product.costPrice ?? 0) : undefined);
    const q = toBig(quantity ?? 0);
    const total = round2(
      q.times(toBig(unitNetPrice ?? 0)).times(
        toBig(100)
          .minus(toBig(discountPercentage ?? 0))
          .div(100),
      ),
    );
    const lineCost = round2(q.times(toBig(unitCostPrice ?? 0)));
    const margin = total.minus(lineCost);
    net = net.plus(total);
    cost = cost.plus(lineCost);
    taxed.push({ net: total, rate: lineVatRate(data, product?.productNumber, vatZoneNumber as number) });
    const accrual = objectAt(line.accrual);
    const departmental = objectAt(line.departmentalDistribution);
    return {
      lineNumber,
      sortKey: (line.sortKey as number | undefined) ?? lineNumber,
      ...(typeof line.description === 'string' ? { description: line.description } : {}),
      ...(accrual ? { accrual: accrual as DraftLine['accrual'] } : {}),
      ...(unit ? { unit: { unitNumber: unit.unitNumber, name: unit.name } } : {}),
      ...(product ? { product: { productNumber: product.productNumber } } : {}),
      ...(quantity !== undefined ? { quantity } : {}),
      ...(unitNetPrice !== undefined ? { unitNetPrice } : {}),
      ...(discountPercentage !== undefined ? { discountPercentage } : {}),
      ...(unitCostPrice !== undefined ? { unitCostPrice } : {}),
      totalNetAmount: toNumber(total),
      marginInBaseCurrency: toNumber(round2(margin.times(rate))),
      marginPercentage: total.eq(0) ? 0 : toNumber(round2(margin.div(total).times(100))),
      ...(departmental && typeof departmental.departmentalDistributionNumber === 'number'
        ? {
            departmentalDistribution: {
              departmentalDistributionNumber: departmental.departmentalDistributionNumber,
            },
          }
        : {}),
    };
  });
  lines.sort((a, b) => a.sortKey - b.sortKey || a.lineNumber - b.lineNumber);

  const vat = documentVat(taxed);
  const gross = net.plus(vat);
  const netInBase = round2(net.times(rate));
  const costInBase = round2(cost.times(rate));
  const marginInBase = netInBase.minus(costInBase);
  const resolvedTerms = terms as PaymentTermsRecord;
  const dueDate = deriveDueDate(date, resolvedTerms, sentDueDate);
  const recipient = recipientBody as Record<string, unknown>;
  const { vatZone: _zone, attention, ...recipientFields } = recipient;
  const attentionBody = objectAt(attention);
  const references = objectAt(body.references);
  const numbered = <K extends string>(value: unknown, key: K): Record<K, number> | undefined => {
    const object = objectAt(value);
    return object && typeof object[key] === 'number'
      ? ({ [key]: object[key] } as Record<K, number>)
      : undefined;
  };
  const referenceParts = references
    ? {
        ...(typeof references.other === 'string' ? { other: references.other } : {}),
        ...(numbered(references.customerContact, 'customerContactNumber')
          ? { customerContact: numbered(references.customerContact, 'customerContactNumber') }
          : {}),
        ...(numbered(references.salesPerson, 'employeeNumber')
          ? { salesPerson: numbered(references.salesPerson, 'employeeNumber') }
          : {}),
        ...(numbered(references.vendorReference, 'employeeNumber')
          ? { vendorReference: numbered(references.vendorReference, 'employeeNumber') }
          : {}),
      }
    : undefined;
  const document: DraftDocument = {
    orderNumber,
    date,
    currency: currency.toUpperCase(),
    exchangeRate,
    netAmount: toNumber(net),
    netAmountInBaseCurrency: toNumber(netInBase),
    grossAmount: toNumber(gross),
    grossAmountInBaseCurrency: toNumber(round2(gross.times(rate))),
    marginInBaseCurrency: toNumber(marginInBase),
    marginPercentage: netInBase.eq(0) ? 0 : toNumber(round2(marginInBase.div(netInBase).times(100))),
    vatAmount: toNumber(vat),
    roundingAmount: 0,
    costPriceInBaseCurrency: toNumber(costInBase),
    ...(dueDate ? { dueDate } : {}),
    paymentTerms: {
      paymentTermsNumber: resolvedTerms.paymentTermsNumber,
      ...(resolvedTerms.daysOfCredit !== undefined ? { daysOfCredit: resolvedTerms.daysOfCredit } : {}),
      name: resolvedTerms.name,
      paymentTermsType: resolvedTerms.paymentTermsType,
    },
    customer: { customerNumber: customerNumber as number },
    recipient: {
      ...pick(recipientFields, [
        'name',
        'address',
        'zip',
        'city',
        'country',
        'ean',
        'publicEntryNumber',
        'mobilePhone',
        'nemHandelType',
      ]),
      name: recipientFields.name as string,
      ...(attentionBody && typeof attentionBody.customerContactNumber === 'number'
        ? { attention: { customerContactNumber: attentionBody.customerContactNumber } }
        : {}),
      vatZone: { vatZoneNumber: vatZoneNumber as number },
    },
    ...(numbered(body.deliveryLocation, 'deliveryLocationNumber')
      ? {
          deliveryLocation: numbered(body.deliveryLocation, 'deliveryLocationNumber') as {
            deliveryLocationNumber: number;
          },
        }
      : {}),
    ...(objectAt(body.delivery) ? { delivery: strings(body.delivery) } : {}),
    ...(objectAt(body.notes) ? { notes: strings(body.notes) } : {}),
    ...(referenceParts && Object.keys(referenceParts).length > 0 ? { references: referenceParts } : {}),
    ...(numbered(body.project, 'projectNumber')
      ? { project: numbered(body.project, 'projectNumber') as { projectNumber: number } }
      : {}),
    layout: { layoutNumber: layoutNumber as number },
    lastUpdated: context.now,
    lines,
  };
  return { ok: true, document };
};

const pick = (source: Record<string, unknown>, keys: readonly string[]): Record<string, unknown> =>
  Object.fromEntries(keys.filter((key) => source[key] !== undefined).map((key) => [key, source[key]]));

const strings = (value: unknown): Record<string, string> =>
  Object.fromEntries(
    Object.entries(value as Record<string, unknown>).filter(([, item]) => typeof item === 'string'),
  ) as Record<string, string>;
