/**
 * A reseller's (or the platform's own) connection to its accounting system. The credentials
 * themselves live in the secret store; this is what the table keeps about them.
 */
export const accountingSystems = ['economic', 'uniconta'] as const;
export type AccountingSystemName = (typeof accountingSystems)[number];

export const systemLabels: Record<AccountingSystemName, string> = {
  economic: 'e-conomic',
  uniconta: 'Uniconta',
};

/** Whose books: a reseller's (its customers' invoices) or the platform's (its invoices to resellers, `adminMode`). */
export type IntegrationOwner =
  | { readonly kind: 'reseller'; readonly reseller: string }
  | { readonly kind: 'platform' };

export interface EconomicCredentials {
  readonly appSecretToken: string;
  readonly agreementGrantToken: string;
}

export interface UnicontaCredentials {
  readonly companyId: string;
  readonly userId: string;
  readonly password: string;
}

export type Credentials = EconomicCredentials | UnicontaCredentials;

export interface IntegrationSettings {
  readonly system: AccountingSystemName;
  readonly owner: IntegrationOwner;
  /** The accounting system's service root; the real one unless pointed elsewhere (a test agreement, a simulator). */
  readonly baseUrl: string;
  /** e-conomic: the layout for drafts whose customer and customer group have none. */
  readonly defaultLayoutNumber?: number;
  /**
   * e-conomic: days of credit for drafts under payment terms of type `dueDate` whose invoice has no
   * due date of its own (0 to 365; packages/domain/src/payment-terms.ts).
   */
  readonly defaultDaysOfCredit?: number;
  /**
   * Uniconta: the calls its user may make a day, when the agreement bought more than the standard
   * plan's (packages/domain/src/uniconta-allowance.ts). An export that would not fit in what is left
   * today is refused up front.
   */
  readonly dailyCallAllowance?: number;
  /**
   * Uniconta: the company's VAT code (0 %) for VAT-exempt lines. Uniconta takes a line's own VAT
   * code before its item group's, so exempt lines carry this one; checked when saved.
   */
  readonly exemptVatCode?: string;
  /** Whether the monthly close exports the new period invoices by itself. */
  readonly autoExport: boolean;
  /** The credentials as shown to people: every secret value masked but its last characters. */
  readonly maskedCredentials: Record<string, string>;
  readonly verifiedAt: string;
  readonly updatedAt: string;
  readonly updatedBy?: string;
}

export const realBaseUrls: Record<AccountingSystemName, string> = {
  economic: 'https://restapi.e-conomic.com',
  uniconta: 'https://odata.uniconta.com',
};

/** Shows enough of a secret to recognise it, never enough to use it. */
export const mask = (secret: string): string => (secret.length <= 4 ? '••••' : `••••${secret.slice(-4)}`);

export const isAccountingSystem = (value: unknown): value is AccountingSystemName =>
  (accountingSystems as readonly unknown[]).includes(value);

/** The credentials each system takes, as its settings name them. */
export const credentialFields = {
  economic: ['appSecretToken', 'agreementGrantToken'],
  uniconta: ['companyId', 'userId', 'password'],
} as const satisfies Record<AccountingSystemName, readonly string[]>;

/** Who the credentials are, not secrets: shown as they are, so that a person recognises the account. */
const shownInFull: ReadonlySet<string> = new Set(['companyId', 'userId']);

/** The credentials as people see them: identities in full, every secret masked. */
export const maskCredentials = (
  system: AccountingSystemName,
  credentials: Readonly<Record<string, string>>,
): Record<string, string> =>
  Object.fromEntries(
    credentialFields[system].map((field) => {
      const value = credentials[field] ?? '';
      return [field, shownInFull.has(field) ? value : mask(value)];
    }),
  );

/** The integration as the API shows it: the masked credentials under `credentials`. */
export const presentSettings = ({ maskedCredentials, ...settings }: IntegrationSettings) => ({
  ...settings,
  credentials: maskedCredentials,
});
