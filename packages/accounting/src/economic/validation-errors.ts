import { asRecord, asString } from '../json.ts';

/**
 * e-conomic's 400 "Validation error." says what is wrong only in its annotated `errors` tree
 * (contract §3): `{"errors": {"lines": [{"arrayIndex": 2, "quantity": {"errors": [{"message": …,
 * "errorCode": …}]}}]}}`. Flattened to "lines[2].quantity: … (E04730)", so that the export's
 * failure, its log line and the e-mail to the accountant name the field and the reason, not just
 * "Validation error.". At most `limit` entries; the rest are counted.
 */
export const validationErrorSummary = (body: unknown, limit = 5): string | undefined => {
  const record = asRecord(body);
  const tree = asRecord(record?.errors);
  if (!record || !tree) return undefined;
  const found: string[] = [];
  collect(tree, '', found);
  if (found.length === 0) return undefined;
  const shown = found.slice(0, limit).join('; ');
  const more = found.length > limit ? `; and ${found.length - limit} more` : '';
  return `${asString(record.message) ?? 'Validation error.'} ${shown}${more}`;
};

const collect = (node: unknown, path: string, found: string[]): void => {
  if (Array.isArray(node)) {
    node.forEach((entry, position) => {
      const index = asRecord(entry)?.arrayIndex;
      collect(entry, `${path}[${typeof index === 'number' ? index : position}]`, found);
    });
    return;
  }
  const record = asRecord(node);
  if (!record) return;
  if (Array.isArray(record.errors)) {
    for (const error of record.errors) {
      const entry = asRecord(error);
      const message = asString(entry?.message);
      if (!message) continue;
      const code = asString(entry?.errorCode);
      found.push(`${path || 'body'}: ${message}${code ? ` (${code})` : ''}`);
    }
  }
  for (const [key, value] of Object.entries(record)) {
    if (key === 'errors' || key === 'arrayIndex') continue;
    if (typeof value === 'object' && value !== null) collect(value, path ? `${path}.${key}` : key, found);
  }
};
