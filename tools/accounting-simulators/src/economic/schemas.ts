import Ajv, { type ErrorObject, type ValidateFunction } from 'ajv';
import { decimalPlaces } from './amounts.ts';
import customerGroupsCustomerGroupNumberGet from './schemas/customer-groups.customerGroupNumber.get.schema.json' with {
  type: 'json',
};
import customerGroupsGet from './schemas/customer-groups.get.schema.json' with { type: 'json' };
import customersCustomerNumberGet from './schemas/customers.customerNumber.get.schema.json' with {
  type: 'json',
};
import customersGet from './schemas/customers.get.schema.json' with { type: 'json' };
import layoutsGet from './schemas/layouts.get.schema.json' with { type: 'json' };
import layoutsLayoutNumberGet from './schemas/layouts.layoutNumber.get.schema.json' with { type: 'json' };
import ordersDraftsGet from './schemas/orders.drafts.get.schema.json' with { type: 'json' };
import ordersDraftsOrderNumberGet from './schemas/orders.drafts.orderNumber.get.schema.json' with {
  type: 'json',
};
import ordersDraftsPost from './schemas/orders.drafts.post.schema.json' with { type: 'json' };
import paymentTermsGet from './schemas/payment-terms.get.schema.json' with { type: 'json' };
import paymentTermsPaymentTermsNumberGet from './schemas/payment-terms.paymentTermsNumber.get.schema.json' with {
  type: 'json',
};
import productsGet from './schemas/products.get.schema.json' with { type: 'json' };
import productsProductNumberGet from './schemas/products.productNumber.get.schema.json' with { type: 'json' };
import selfGet from './schemas/self.get.schema.json' with { type: 'json' };
import vatZonesGet from './schemas/vat-zones.get.schema.json' with { type: 'json' };
import vatZonesVatZoneNumberGet from './schemas/vat-zones.vatZoneNumber.get.schema.json' with {
  type: 'json',
};

/**
 * e-conomic's own JSON schemas (`./schemas/*.schema.json`, copied byte for byte from
 * `https://restapi.e-conomic.com/schema/`), and validators built from them.
 *
 * The files are draft-03, which Ajv does not read; they are converted when loaded, mechanically:
 * - `"required": true` on a property becomes the parent's `required` list (draft-03 → draft-04+);
 * - `"exclusiveMinimum": true` with `minimum: m` becomes `exclusiveMinimum: m`;
 * - `maxDecimal` (e-conomic's own keyword: decimal places allowed) is a custom keyword, and its
 *   misspelling `maxDecimals` (in `products.*`) is read as the same;
 * - `filterable`, `sortable`, `readonly`, `restdocs`, `defaultSorting`, `desciption` are annotations,
 *   and so is a `self` that `products.*` misplace beside `properties` of `productGroup.accrual`
 *   (draft-03 ignores unknown keywords);
 * - `format: "full-date"` is `YYYY-MM-DD` with a real calendar date; `format: "uri"` an absolute URI.
 *
 * One defect of the published read schemas is repaired, for the response validator only: the
 * `lastUpdated` pattern of `orders.drafts.*` and `products.*` inventory reads
 * `\d{4}-\d{2}-\d{2}Td{2}:d{2}:d{2}Z` (backslashes lost), which no timestamp matches; it is read
 * as `\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z`. In read schemas `full-date` also admits that
 * timestamp, since the schemas give `lastUpdated` both `format: full-date` and a date-time pattern.
 */
export const economicSchemaNames = [
  'self.get',
  'customers.get',
  'customers.customerNumber.get',
  'customer-groups.get',
  'customer-groups.customerGroupNumber.get',
  'layouts.get',
  'layouts.layoutNumber.get',
  'products.get',
  'products.productNumber.get',
  'payment-terms.get',
  'payment-terms.paymentTermsNumber.get',
  'vat-zones.get',
  'vat-zones.vatZoneNumber.get',
  'orders.drafts.get',
  'orders.drafts.orderNumber.get',
  'orders.drafts.post',
] as const;

export type EconomicSchemaName = (typeof economicSchemaNames)[number];

export type JsonSchema = Record<string, unknown>;

/** Imported (not read from disk), so that a bundle carries them. */
const schemaFiles: Record<EconomicSchemaName, unknown> = {
  'self.get': selfGet,
  'customers.get': customersGet,
  'customers.customerNumber.get': customersCustomerNumberGet,
  'customer-groups.get': customerGroupsGet,
  'customer-groups.customerGroupNumber.get': customerGroupsCustomerGroupNumberGet,
  'layouts.get': layoutsGet,
  'layouts.layoutNumber.get': layoutsLayoutNumberGet,
  'products.get': productsGet,
  'products.productNumber.get': productsProductNumberGet,
  'payment-terms.get': paymentTermsGet,
  'payment-terms.paymentTermsNumber.get': paymentTermsPaymentTermsNumberGet,
  'vat-zones.get': vatZonesGet,
  'vat-zones.vatZoneNumber.get': vatZonesVatZoneNumberGet,
  'orders.drafts.get': ordersDraftsGet,
  'orders.drafts.orderNumber.get': ordersDraftsOrderNumberGet,
  'orders.drafts.post': ordersDraftsPost,
};

/** The schema file as published (draft-03). Shared: never mutate it. */
export const readEconomicSchema = (name: EconomicSchemaName): JsonSchema => schemaFiles[name] as JsonSchema;

const brokenTimestampPattern = '\\d{4}-\\d{2}-\\d{2}Td{2}:d{2}:d{2}Z';
const timestampPattern = '\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}Z';

/** Converts a draft-03 schema to one Ajv (draft-07) reads; see the module comment. */
export const toDraft07 = (schema: unknown, options: { repairPatterns: boolean }): unknown => {
  if (Array.isArray(schema)) return schema.map((item) => toDraft07(item, options));
  if (schema === null || typeof schema !== 'object') return schema;
  const source = schema as JsonSchema;
  const out: JsonSchema = {};
  for (const [key, value] of Object.entries(source)) {
    switch (key) {
      case '$schema':
      case 'required':
        break;
      case 'exclusiveMinimum':
      case 'exclusiveMaximum': {
        const bound = key === 'exclusiveMinimum' ? 'minimum' : 'maximum';
        if (value === true && typeof source[bound] === 'number') out[key] = source[bound];
        break;
      }
      case 'maxDecimals':
        out.maxDecimal = value;
        break;
      case 'pattern':
        out.pattern = options.repairPatterns && value === brokenTimestampPattern ? timestampPattern : value;
        break;
      case 'properties': {
        const properties: JsonSchema = {};
        const required: string[] = [];
        for (const [name, property] of Object.entries(value as JsonSchema)) {
          properties[name] = toDraft07(property, options);
          if ((property as JsonSchema).required === true) required.push(name);
        }
        out.properties = properties;
        if (required.length > 0) out.required = required;
        break;
      }
      case 'items':
        out.items = toDraft07(value, options);
        break;
      default:
        out[key] = value;
    }
  }
  if (source.exclusiveMinimum === true && typeof source.minimum === 'number') delete out.minimum;
  if (source.exclusiveMaximum === true && typeof source.maximum === 'number') delete out.maximum;
  return out;
};

const calendarDate = /^(\d{4})-(\d{2})-(\d{2})/;

/** `YYYY-MM-DD` naming a day that exists. */
export const isFullDate = (value: string): boolean => {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  return match !== null && isRealDate(match);
};

const isRealDate = (match: RegExpExecArray): boolean => {
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
};

const isDateOrTimestamp = (value: string): boolean => {
  const match = calendarDate.exec(value);
  if (!match || !isRealDate(match)) return false;
  const rest = value.slice(10);
  return rest === '' || /^T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})?$/.test(rest);
};

const isUri = (value: string): boolean => /^[a-z][a-z0-9+.-]*:\/\/[^\s]+$/i.test(value);

const createAjv = (fullDate: (value: string) => boolean): Ajv => {
  const ajv = new Ajv({
    allErrors: true,
    verbose: true,
    strictTypes: false,
    strictRequired: false,
    logger: false,
  });
  ajv.addVocabulary([
    'filterable',
    'sortable',
    'readonly',
    'restdocs',
    'defaultSorting',
    'desciption',
    'self',
  ]);
  ajv.addKeyword({
    keyword: 'maxDecimal',
    type: 'number',
    schemaType: 'number',
    validate: (max: number, data: number) => decimalPlaces(data) <= max,
  });
  ajv.addFormat('full-date', { type: 'string', validate: fullDate });
  ajv.addFormat('uri', { type: 'string', validate: isUri });
  return ajv;
};

let requestAjv: Ajv | undefined;
let responseAjv: Ajv | undefined;
const compiled = new Map<string, ValidateFunction>();

const validatorFor = (name: EconomicSchemaName, kind: 'request' | 'response'): ValidateFunction => {
  const id = `${kind}:${name}`;
  let validate = compiled.get(id);
  if (!validate) {
    if (kind === 'request' && !requestAjv) requestAjv = createAjv(isFullDate);
    if (kind === 'response' && !responseAjv) responseAjv = createAjv(isDateOrTimestamp);
    const ajv = (kind === 'request' ? requestAjv : responseAjv) as Ajv;
    validate = ajv.compile(
      toDraft07(readEconomicSchema(name), { repairPatterns: kind === 'response' }) as object,
    );
    compiled.set(id, validate);
  }
  return validate;
};

/** Ajv's errors for a request body (empty when valid); `verbose`, so each carries its data and schema. */
export const validateRequest = (name: EconomicSchemaName, body: unknown): ErrorObject[] => {
  const validate = validatorFor(name, 'request');
  return validate(body) ? [] : [...(validate.errors ?? [])];
};

/** Problems of a response body against its read schema, as readable lines (empty when valid). */
export const validateResponse = (name: EconomicSchemaName, body: unknown): string[] => {
  const validate = validatorFor(name, 'response');
  if (validate(body)) return [];
  return (validate.errors ?? []).map(
    (error) => `${error.instancePath || '/'} ${error.message ?? error.keyword}${describeParams(error)}`,
  );
};

const describeParams = (error: ErrorObject): string =>
  error.keyword === 'required' || error.keyword === 'additionalProperties'
    ? ''
    : ` (${JSON.stringify(error.params)})`;

/** The sub-schema (converted) at a path of a document: for type names and filterable fields. */
export const convertedSchema = (name: EconomicSchemaName): JsonSchema =>
  toDraft07(readEconomicSchema(name), { repairPatterns: true }) as JsonSchema;

/**
 * Dotted paths of a collection schema's item properties marked `filterable` (or `sortable`), with
 * each one's type: `customerGroup.customerGroupNumber` → `integer`.
 */
export const flaggedFields = (
  name: EconomicSchemaName,
  flag: 'filterable' | 'sortable',
): Map<string, FieldType> => {
  const schema = readEconomicSchema(name) as { properties?: { collection?: { items?: JsonSchema } } };
  const fields = new Map<string, FieldType>();
  const walk = (node: JsonSchema, prefix: string): void => {
    for (const [key, child] of Object.entries((node.properties ?? {}) as Record<string, JsonSchema>)) {
      const path = prefix ? `${prefix}.${key}` : key;
      if (child[flag] === true) fields.set(path, fieldType(child));
      if (child.properties) walk(child, path);
    }
  };
  walk(schema.properties?.collection?.items ?? {}, '');
  return fields;
};

export type FieldType = 'integer' | 'number' | 'string' | 'boolean';

const fieldType = (schema: JsonSchema): FieldType => {
  const type = schema.type;
  return type === 'integer' || type === 'number' || type === 'boolean' ? type : 'string';
};
