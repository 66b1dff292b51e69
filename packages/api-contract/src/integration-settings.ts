/** The body of `PUT /integration/{system}/settings`, each system's: apart from integration.ts, whose query GET reads. */
import * as z from 'zod/mini';
import { DAYS_OF_CREDIT_MAX } from '#domain/payment-terms';
import { maxDailyCallAllowance } from '#domain/uniconta-allowance';
import { objectId, wholeNumberIn } from './common.ts';

const secret = (description: string) =>
  z
    .string({ error: description })
    .check(z.trim(), z.minLength(1, { error: description }), z.maxLength(500, { error: description }));

const common = {
  reseller: z
    .optional(objectId('Reseller is invalid'))
    .check(z.describe('ADMIN only: whose integration (default: the caller’s own)')),
  platform: z
    .optional(z.boolean())
    .check(z.describe('ADMIN only: the platform’s own integration, used by `adminMode` exports')),
  baseUrl: z
    .optional(z.url({ protocol: /^https?$/, error: 'Base URL must be an http(s) URL' }))
    .check(
      z.describe(
        'ADMIN only: the accounting system’s service root, one of the hosts the deployment allows (the real one, or its configured test host); default the deployment’s. A new host needs every credential again.',
      ),
    ),
  autoExport: z
    .optional(z.boolean())
    .check(z.describe('Whether the monthly close exports the new period invoices by itself')),
};

const dailyCallAllowanceError = `Daily call allowance must be a whole number of calls from 1 to ${maxDailyCallAllowance}`;
const exemptVatCodeError = 'Exempt VAT code must be a Uniconta VAT code of 1 to 20 characters';
const daysOfCreditError = `Default days of credit must be a whole number of days from 0 to ${DAYS_OF_CREDIT_MAX}`;

export const economicSettingsBody = z.strictObject({
  ...common,
  appSecretToken: z
    .optional(secret('App secret token is invalid'))
    .check(z.describe('Required the first time; kept when omitted')),
  agreementGrantToken: z
    .optional(secret('Agreement grant token is invalid'))
    .check(z.describe('Required the first time; kept when omitted')),
  defaultLayoutNumber: z.optional(
    z.number({ error: 'Default layout must be a layout number' }).check(z.int(), z.gte(1)),
  ),
  defaultDaysOfCredit: z
    .optional(wholeNumberIn(0, DAYS_OF_CREDIT_MAX, daysOfCreditError))
    .check(
      z.describe(
        'Days of credit for customers whose e-conomic payment terms are of type `dueDate` (“Forfaldsdato”), which need a due date on every draft: an invoice without a due date of its own (or with one before its invoice date) is due this many days after its invoice date. Whole days, 0 to 365; kept when omitted. Without it, such an invoice is refused before the export starts (`422 economic.paymentTerms`).',
      ),
    ),
});

export const unicontaSettingsBody = z.strictObject({
  ...common,
  companyId: z.optional(
    z
      .string({ error: 'Company id must be digits' })
      .check(z.regex(/^\d{1,10}$/, { error: 'Company id must be digits' })),
  ),
  userId: z.optional(secret('User id is invalid')),
  password: z.optional(secret('Password is invalid')),
  dailyCallAllowance: z
    .optional(wholeNumberIn(1, maxDailyCallAllowance, dailyCallAllowanceError))
    .check(
      z.describe(
        'The calls the Uniconta user may make a day: 5,000 on a standard plan (the default), up to 80,000 with calls bought from Uniconta; kept when omitted. Faktura counts its calls per integration and Danish day, and refuses an export that would not fit in what is left today (`422 multiple` with `uniconta.allowance` and the figures).',
      ),
    ),
  exemptVatCode: z
    .optional(
      z
        .string({ error: exemptVatCodeError })
        .check(
          z.trim(),
          z.minLength(1, { error: exemptVatCodeError }),
          z.maxLength(20, { error: exemptVatCodeError }),
        ),
    )
    .check(
      z.describe(
        "The company's VAT code of 0 % for VAT-exempt invoice lines (Uniconta takes a line's own VAT code before its item group's). Checked against the company's VAT codes when saved (`422 exemptVatCode` if it is not one, or is not 0 %); kept when omitted. Without it, an export of an invoice with VAT-exempt lines is refused up front (`422 multiple` with `uniconta.exemptVatCode`).",
      ),
    ),
});

/** Each system's settings body, chosen by the path's `{system}`. */
export const settingsBodies = { economic: economicSettingsBody, uniconta: unicontaSettingsBody } as const;
