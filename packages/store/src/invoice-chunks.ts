import { gunzipSync, gzipSync } from 'node:zlib';
import type { InvoiceLine } from '#domain/invoice/model';

/**
 * An invoice's lines are stored in chunks under the invoice: a period invoice may have thousands
 * of usage lines, and a DynamoDB item holds at most 400 KB. Each chunk is gzip-compressed JSON
 * (usage lines repeat the same product texts, so they compress ~10×), kept well under the item
 * limit so a 10,000-line invoice is a handful of items in one transaction.
 */
const maxChunkBytes = 300 * 1024;
const linesPerChunk = 2_000;

const pack = (lines: readonly InvoiceLine[]): Uint8Array => gzipSync(JSON.stringify(lines), { level: 6 });

export const packLines = (lines: readonly InvoiceLine[]): Uint8Array[] => {
  const chunks: Uint8Array[] = [];
  const split = (part: readonly InvoiceLine[]): void => {
    const packed = pack(part);
    if (packed.byteLength <= maxChunkBytes || part.length === 1) {
      chunks.push(packed);
      return;
    }
    const half = Math.ceil(part.length / 2);
    split(part.slice(0, half));
    split(part.slice(half));
  };
  for (let start = 0; start < lines.length; start += linesPerChunk)
    split(lines.slice(start, start + linesPerChunk));
  return chunks;
};

export const unpackLines = (chunk: Uint8Array): InvoiceLine[] =>
  JSON.parse(gunzipSync(chunk).toString('utf8'));
