import { round2, toBig, toNumber } from './amounts.ts';
import type {
  AccountRecord,
  AgreementData,
  BookedInvoiceRecord,
  CustomerGroupRecord,
  CustomerRecord,
  DraftRecord,
  LayoutRecord,
  PaymentTermsRecord,
  ProductGroupRecord,
  ProductRecord,
  UnitRecord,
  VatAccountRecord,
  VatZoneRecord,
} from './model.ts';

/**
 * Records rendered into e-conomic's read shapes (the `*.get.schema.json` files), with `self`
 * links on the simulator's base URL. `true` booleans are rendered, `false` ones left out.
 */
const flag = (name: string, value: boolean | undefined): Record<string, true> =>
  value ? { [name]: true } : {};

const optional = <T>(name: string, value: T | undefined): Record<string, T> =>
  value === undefined ? {} : { [name]: value };

/** `2026-06-01T08:00:00Z`: e-conomic's `lastUpdated` (seconds, UTC). */
export const timestamp = (ms: number): string => `${new Date(ms).toISOString().slice(0, 19)}Z`;

/**
 * Product numbers in resource URLs (RD "Custom resource self-link encoding"): these characters are
 * replaced, everything else is standard URL encoding.
 */
const replacements: readonly [string, string][] = [
  ['<', '_0_'],
  ['>', '_1_'],
  ['*', '_2_'],
  ['%', '_3_'],
  [':', '_4_'],
  ['&', '_5_'],
  ['/', '_6_'],
  ['\\', '_7_'],
  ['_', '_8_'],
  [' ', '_9_'],
  ['?', '_10_'],
  ['.', '_11_'],
  ['#', '_12_'],
  ['+', '_13_'],
];

export const encodeProductNumber = (productNumber: string): string =>
  [...productNumber]
    .map((char) => {
      const replacement = replacements.find(([from]) => from === char);
      return replacement ? replacement[1] : encodeURIComponent(char);
    })
    .join('');

/** Undoes the custom replacements of an already percent-decoded path segment. */
export const decodeProductNumber = (segment: string): string =>
  segment.replace(/_(\d{1,2})_/g, (whole, code: string) => {
    const replacement = replacements.find(([, to]) => to === `_${code}_`);
    return replacement ? replacement[0] : whole;
  });

export class Renderer {
  public constructor(
    private readonly base: string,
    private readonly fallbackTime: string,
  ) {}

  public url(path: string): string {
    return `${this.base}${path}`;
  }

  /** GET /invoices/booked(/:n): the document as booked, its number and order, and what is left to pay. */
  public bookedInvoice(record: BookedInvoiceRecord): Record<string, unknown> {
    const {
      orderNumber: _draftNumber,
      lastUpdated: _updated,
      ...document
    } = this.draft({ orderNumber: record.orderNumber, document: record.document }, true);
    const rate = toBig(record.document.exchangeRate).div(100);
    return {
      bookedInvoiceNumber: record.bookedInvoiceNumber,
      orderNumber: record.orderNumber,
      ...document,
      remainder: record.remainder,
      remainderInBaseCurrency: toNumber(round2(toBig(record.remainder).times(rate))),
      self: this.url(`/invoices/booked/${record.bookedInvoiceNumber}`),
    };
  }

  public vatAccount(account: VatAccountRecord): Record<string, unknown> {
    return {
      vatCode: account.vatCode,
      name: account.name,
      ratePercentage: account.ratePercentage,
      self: this.url(`/vat-accounts/${encodeURIComponent(account.vatCode)}`),
    };
  }

  public productGroup(group: ProductGroupRecord): Record<string, unknown> {
    return {
      productGroupNumber: group.productGroupNumber,
      name: group.name,
      salesAccounts: this.url(`/product-groups/${group.productGroupNumber}/sales-accounts`),
      products: this.url(`/product-groups/${group.productGroupNumber}/products`),
      self: this.url(`/product-groups/${group.productGroupNumber}`),
    };
  }

  /** One entry per VAT zone the group has a sales account for: the account (with its VAT code, if any) and the zone. */
  public salesAccounts(group: ProductGroupRecord, data: AgreementData): Record<string, unknown>[] {
    return Object.entries(group.salesAccounts ?? {})
      .map(([zone, accountNumber]) => ({ zone: Number(zone), account: data.accounts.get(accountNumber) }))
      .filter((entry): entry is { zone: number; account: AccountRecord } => entry.account !== undefined)
      .sort((a, b) => a.zone - b.zone)
      .map(({ zone, account }) => ({
        salesAccount: {
          accountNumber: account.accountNumber,
          accountType: 'profitAndLoss',
          name: account.name,
          ...(account.vatCode === undefined
            ? {}
            : {
                vatAccount: {
                  vatCode: account.vatCode,
                  self: this.url(`/vat-accounts/${encodeURIComponent(account.vatCode)}`),
                },
              }),
          self: this.url(`/accounts/${account.accountNumber}`),
        },
        vatZone: { vatZoneNumber: zone, self: this.url(`/vat-zones/${zone}`) },
      }));
  }

  public vatZone(zone: VatZoneRecord): Record<string, unknown> {
    return {
      vatZoneNumber: zone.vatZoneNumber,
      name: zone.name,
      ...flag('enabledForCustomer', zone.enabledForCustomer),
      ...flag('enabledForSupplier', zone.enabledForSupplier),
      self: this.url(`/vat-zones/${zone.vatZoneNumber}`),
    };
  }

  public paymentTerms(terms: PaymentTermsRecord): Record<string, unknown> {
    return {
      paymentTermsNumber: terms.paymentTermsNumber,
      ...optional('daysOfCredit', terms.daysOfCredit),
      ...optional('description', terms.description),
      name: terms.name,
      paymentTermsType: terms.paymentTermsType,
      self: this.url(`/payment-terms/${terms.paymentTermsNumber}`),
    };
  }

  public layout(layout: LayoutRecord): Record<string, unknown> {
    return {
      layoutNumber: layout.layoutNumber,
      name: layout.name,
      ...flag('deleted', layout.deleted),
      self: this.url(`/layouts/${layout.layoutNumber}`),
    };
  }

  public customerGroup(
    group: CustomerGroupRecord,
    layouts: ReadonlyMap<number, LayoutRecord>,
  ): Record<string, unknown> {
    const self = this.url(`/customer-groups/${group.customerGroupNumber}`);
    const layout = group.layout ? layouts.get(group.layout.layoutNumber) : undefined;
    return {
      customerGroupNumber: group.customerGroupNumber,
      name: group.name,
      ...(group.account
        ? {
            account: {
              accountNumber: group.account.accountNumber,
              self: this.url(`/accounts/${group.account.accountNumber}`),
            },
          }
        : {}),
      customers: `${self}/customers`,
      ...(group.layout
        ? {
            layout: {
              layoutNumber: group.layout.layoutNumber,
              ...(layout ? { name: layout.name.slice(0, 100) } : {}),
              ...flag('deleted', layout?.deleted),
              self: this.url(`/layouts/${group.layout.layoutNumber}`),
            },
          }
        : {}),
      self,
    };
  }

  public unit(unit: UnitRecord): Record<string, unknown> {
    const self = this.url(`/units/${unit.unitNumber}`);
    return { unitNumber: unit.unitNumber, name: unit.name, products: `${self}/products`, self };
  }

  public product(
    product: ProductRecord,
    units: ReadonlyMap<number, UnitRecord>,
    groups: ReadonlyMap<number, ProductGroupRecord>,
  ): Record<string, unknown> {
    const self = this.url(`/products/${encodeProductNumber(product.productNumber)}`);
    const unit = product.unit ? units.get(product.unit.unitNumber) : undefined;
    const group = groups.get(product.productGroup.productGroupNumber);
    const groupSelf = this.url(`/product-groups/${product.productGroup.productGroupNumber}`);
    return {
      productNumber: product.productNumber,
      ...optional('description', product.description),
      name: product.name,
      ...optional('costPrice', product.costPrice),
      ...optional('recommendedPrice', product.recommendedPrice),
      ...optional('salesPrice', product.salesPrice),
      ...optional('barCode', product.barCode),
      ...flag('barred', product.barred),
      lastUpdated: product.lastUpdated ?? this.fallbackTime,
      invoices: { drafts: `${self}/invoices/drafts`, booked: `${self}/invoices/booked` },
      ...(product.unit
        ? {
            unit: {
              unitNumber: product.unit.unitNumber,
              ...(unit ? { name: unit.name } : {}),
              self: this.url(`/units/${product.unit.unitNumber}`),
            },
          }
        : {}),
      productGroup: {
        productGroupNumber: product.productGroup.productGroupNumber,
        ...(group ? { name: group.name } : {}),
        salesAccounts: `${groupSelf}/sales-accounts`,
        products: `${groupSelf}/products`,
        self: groupSelf,
      },
      self,
    };
  }

  public customer(customer: CustomerRecord): Record<string, unknown> {
    const self = this.url(`/customers/${customer.customerNumber}`);
    const strings: Record<string, string> = {};
    for (const [key, value] of Object.entries(customer)) {
      if (typeof value === 'string' && !['name', 'currency', 'lastUpdated'].includes(key))
        strings[key] = value;
    }
    return {
      customerNumber: customer.customerNumber,
      name: customer.name,
      currency: customer.currency,
      ...strings,
      balance: 0,
      dueAmount: 0,
      ...optional('creditLimit', customer.creditLimit),
      ...flag('barred', customer.barred),
      ...flag('eInvoicingDisabledByDefault', customer.eInvoicingDisabledByDefault),
      lastUpdated: customer.lastUpdated ?? this.fallbackTime,
      contacts: `${self}/contacts`,
      deliveryLocations: `${self}/delivery-locations`,
      ...(customer.attention
        ? {
            attention: {
              customerContactNumber: customer.attention.customerContactNumber,
              self: `${self}/contacts/${customer.attention.customerContactNumber}`,
            },
          }
        : {}),
      customerGroup: {
        customerGroupNumber: customer.customerGroup.customerGroupNumber,
        self: this.url(`/customer-groups/${customer.customerGroup.customerGroupNumber}`),
      },
      ...(customer.layout
        ? {
            layout: {
              layoutNumber: customer.layout.layoutNumber,
              self: this.url(`/layouts/${customer.layout.layoutNumber}`),
            },
          }
        : {}),
      paymentTerms: {
        paymentTermsNumber: customer.paymentTerms.paymentTermsNumber,
        self: this.url(`/payment-terms/${customer.paymentTerms.paymentTermsNumber}`),
      },
      ...(customer.salesPerson
        ? {
            salesPerson: {
              employeeNumber: customer.salesPerson.employeeNumber,
              self: this.url(`/employees/${customer.salesPerson.employeeNumber}`),
            },
          }
        : {}),
      vatZone: {
        vatZoneNumber: customer.vatZone.vatZoneNumber,
        self: this.url(`/vat-zones/${customer.vatZone.vatZoneNumber}`),
      },
      templates: {
        invoice: `${self}/templates/invoice`,
        invoiceLine: `${self}/templates/invoiceline`,
        self: `${self}/templates`,
      },
      totals: { drafts: `${self}/totals/drafts`, booked: `${self}/totals/booked`, self: `${self}/totals` },
      invoices: {
        drafts: `${self}/invoices/drafts`,
        booked: `${self}/invoices/booked`,
        self: `${self}/invoices`,
      },
      self,
    };
  }

  /** A draft order as `GET /orders/drafts/{n}` answers it (`withLines`), or as a collection item. */
  public draft(record: DraftRecord, withLines: boolean): Record<string, unknown> {
    const { document } = record;
    const self = this.url(`/orders/drafts/${record.orderNumber}`);
    const customerSelf = this.url(`/customers/${document.customer.customerNumber}`);
    const {
      lines,
      paymentTerms,
      customer,
      recipient,
      deliveryLocation,
      references,
      project,
      layout,
      ...rest
    } = document;
    const { vatZone, attention, ...recipientRest } = recipient;
    return {
      ...rest,
      paymentTerms: { ...paymentTerms, self: this.url(`/payment-terms/${paymentTerms.paymentTermsNumber}`) },
      customer: { customerNumber: customer.customerNumber, self: customerSelf },
      recipient: {
        ...recipientRest,
        ...(attention
          ? {
              attention: {
                customerContactNumber: attention.customerContactNumber,
                self: `${customerSelf}/contacts/${attention.customerContactNumber}`,
              },
            }
          : {}),
        vatZone: {
          vatZoneNumber: vatZone.vatZoneNumber,
          self: this.url(`/vat-zones/${vatZone.vatZoneNumber}`),
        },
      },
      ...(deliveryLocation
        ? {
            deliveryLocation: {
              deliveryLocationNumber: deliveryLocation.deliveryLocationNumber,
              self: `${customerSelf}/delivery-locations/${deliveryLocation.deliveryLocationNumber}`,
            },
          }
        : {}),
      ...(references
        ? {
            references: {
              ...optional('other', references.other),
              ...(references.customerContact
                ? {
                    customerContact: {
                      customerContactNumber: references.customerContact.customerContactNumber,
                      self: `${customerSelf}/contacts/${references.customerContact.customerContactNumber}`,
                    },
                  }
                : {}),
              ...(references.salesPerson
                ? {
                    salesPerson: {
                      employeeNumber: references.salesPerson.employeeNumber,
                      self: this.url(`/employees/${references.salesPerson.employeeNumber}`),
                    },
                  }
                : {}),
              ...(references.vendorReference
                ? {
                    vendorReference: {
                      employeeNumber: references.vendorReference.employeeNumber,
                      self: this.url(`/employees/${references.vendorReference.employeeNumber}`),
                    },
                  }
                : {}),
            },
          }
        : {}),
      ...(project
        ? {
            project: {
              projectNumber: project.projectNumber,
              self: this.url(`/projects/${project.projectNumber}`),
            },
          }
        : {}),
      layout: { layoutNumber: layout.layoutNumber, self: this.url(`/layouts/${layout.layoutNumber}`) },
      pdf: { download: `${self}/pdf` },
      soap: { orderHandle: { id: record.orderNumber } },
      templates: {
        upgradeInstructions: `${self}/templates/upgrade-instructions/draftInvoice`,
        self: `${self}/templates`,
      },
      ...(withLines
        ? {
            lines: lines.map((line) => {
              const { product, unit, departmentalDistribution, ...lineRest } = line;
              return {
                ...lineRest,
                ...(unit
                  ? {
                      unit: {
                        unitNumber: unit.unitNumber,
                        name: unit.name,
                        self: this.url(`/units/${unit.unitNumber}`),
                      },
                    }
                  : {}),
                ...(product
                  ? {
                      product: {
                        productNumber: product.productNumber,
                        self: this.url(`/products/${encodeProductNumber(product.productNumber)}`),
                      },
                    }
                  : {}),
                ...(departmentalDistribution
                  ? {
                      departmentalDistribution: {
                        departmentalDistributionNumber:
                          departmentalDistribution.departmentalDistributionNumber,
                        self: this.url(
                          `/departmental-distributions/${departmentalDistribution.departmentalDistributionNumber}`,
                        ),
                      },
                    }
                  : {}),
              };
            }),
          }
        : {}),
      self,
    };
  }
}
