/**
 * Lambda's response payload, as the answers that could outgrow it (a 10,000-line invoice, a long
 * list of pending invoices) measure themselves: the body travels as one JSON string inside the
 * proxy result, so every `"` and `\` of it is escaped once more.
 */

/** Lambda's 6 MiB response payload, less room for the status and headers around the body. */
export const maxAnswerBytes = 6 * 1024 * 1024 - 16 * 1024;

/** Control characters JSON writes as two characters (`\b \t \n \f \r`); the others take six (`\u0001`). */
const shortEscapes = new Set([0x08, 0x09, 0x0a, 0x0c, 0x0d]);

/**
 * The bytes a text takes inside Lambda's JSON response (escaped once more, without its quotes):
 * what `Buffer.byteLength(JSON.stringify(text)) - 2` says, counted without making the escaped
 * copy, which for a 10,000-line invoice is megabytes made only to be measured.
 */
export const textPayloadBytes = (text: string): number => {
  let bytes = Buffer.byteLength(text);
  for (let index = 0; index < text.length; index += 1) {
    const code = text.charCodeAt(index);
    if (code === 0x22 || code === 0x5c) bytes += 1;
    else if (code < 0x20) bytes += shortEscapes.has(code) ? 1 : 5;
    else if (code >= 0xd800 && code <= 0xdfff) {
      const next = text.charCodeAt(index + 1);
      // A surrogate pair is one 4-byte character; a lone surrogate is written `\udxxx` (6 bytes)
      // where byteLength counted its 3-byte replacement.
      if (code <= 0xdbff && next >= 0xdc00 && next <= 0xdfff) index += 1;
      else bytes += 3;
    }
  }
  return bytes;
};

/** How often `character` occurs in `text`, by the engine's own search (much faster than a loop over every character). */
const occurrences = (text: string, character: string): number => {
  let count = 0;
  for (let at = text.indexOf(character); at !== -1; at = text.indexOf(character, at + 1)) count += 1;
  return count;
};

/**
 * `textPayloadBytes` of a text that JSON.stringify made: such a text holds no control character and
 * no lone surrogate (both are written escaped), so only its `"` and `\` grow, by one byte each.
 * Two native searches instead of a look at every character: for a 10,000-line invoice a few
 * milliseconds instead of 7-25.
 */
export const jsonPayloadBytes = (json: string): number =>
  Buffer.byteLength(json) + occurrences(json, '"') + occurrences(json, '\\');

/** The bytes a value's JSON takes inside Lambda's JSON response. */
export const payloadBytes = (value: unknown): number => jsonPayloadBytes(JSON.stringify(value));
