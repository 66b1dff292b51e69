/**
 * Lambda's response payload, as the answers that could outgrow it (a 10,000-line invoice, a long
 * list of pending invoices) measure themselves: the body travels as one JSON string inside the
 * proxy result, so every `"` and `\` of it is escaped once more.
 */

/** Lambda's 6 MiB response payload, less room for the status and headers around the body. */
export const maxAnswerBytes = 6 * 1024 * 1024 - 16 * 1024;

/** The bytes a text takes inside Lambda's JSON response (escaped once more, without its quotes). */
export const textPayloadBytes = (text: string): number => Buffer.byteLength(JSON.stringify(text)) - 2;

/** The bytes a value's JSON takes inside Lambda's JSON response. */
export const payloadBytes = (value: unknown): number => textPayloadBytes(JSON.stringify(value));
