import { settingsDocument } from '#api/documents';
import type { RouteDocs } from '#lambda/http-handler';

export const docs: RouteDocs = {
  summary: 'Connect an accounting system',
  description:
    'Stores the settings and, in the secret store, the credentials, after trying them against the accounting system. Credentials omitted are kept, unless the integration moves to another host: then every credential must be given again. `baseUrl` is for ADMIN only, and only a host the deployment allows. `403 economic` / `403 uniconta` when the credentials do not work (naming which); `503 accounting_unavailable` when the system cannot be reached.',
  responses: {
    200: { description: 'The settings, credentials masked', schema: settingsDocument },
    403: {
      description:
        '`economic` / `uniconta`: the credentials do not work (the system refused them); `access_denied` (a RESELLER giving `baseUrl`)',
    },
    503: {
      description:
        '`accounting_unavailable`: the accounting system could not be reached or asked us to slow down (a 5xx, a 429, a timeout or no answer), which says nothing of the credentials; nothing was changed. The `Retry-After` header gives the seconds to wait: the system’s own `Retry-After` when it sent one, else 30.',
      headers: { 'Retry-After': 'Seconds to wait before asking again' },
    },
    404: { description: '`reseller`: Reseller not found' },
    422: {
      description:
        '`baseUrl`: not a host the deployment allows; a credential field: missing the first time or when the host changes; `defaultDaysOfCredit` (e-conomic): not a whole number from 0 to 365; `dailyCallAllowance` (Uniconta): not a whole number from 1 to 80,000; `exemptVatCode` (Uniconta): not one of the company’s VAT codes, or not 0 %; `body`: a field of the other system',
    },
  },
};
