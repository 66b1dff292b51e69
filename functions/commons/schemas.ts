import * as z from 'zod';
import { isObjectId } from '#domain/ids';
import { decodeCursor } from '#store/cursor';

/** The path parameter of a single-resource route: a 24-hex id, or the URL itself is wrong (400). */
export const idPath = z.object({
  id: z
    .string()
    .refine(isObjectId, { message: 'Id not found in request URI: expected a 24-character hex id' }),
});

export const objectId = (description: string) =>
  z.string({ error: description }).refine(isObjectId, { message: description });

const decodes = (cursor: string): boolean => {
  try {
    decodeCursor(cursor);
    return true;
  } catch {
    return false;
  }
};

/** `limit` (1–500, default 100) and the opaque `cursor` of the previous page. */
export const pageQuery = {
  limit: z.coerce
    .number({ error: 'Limit must be a whole number from 1 to 500' })
    .int({ error: 'Limit must be a whole number from 1 to 500' })
    .min(1, { error: 'Limit must be a whole number from 1 to 500' })
    .max(500, { error: 'Limit must be a whole number from 1 to 500' })
    .default(100),
  cursor: z.string().refine(decodes, { message: 'Cursor is not one this API gave out' }).optional(),
};

export const email = (description: string) =>
  z.email({ error: description }).max(254, { error: description });
