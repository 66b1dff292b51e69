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

/** zlib's smallest output buffer; and the largest one sized from a chunk's own trailer (below). */
const minOutputBytes = 64;
const maxOutputBytes = 64 * 1024 * 1024;
/** A gzip member's header (10 bytes) and trailer (8): anything shorter declares nothing. */
const gzipFrameBytes = 18;

/**
 * The uncompressed size a gzip chunk declares: its last four bytes (ISIZE, little-endian, RFC 1952
 * §2.3.1), which gzip itself checks once the chunk is unpacked: a chunk whose trailer is wrong is
 * refused as corrupt. Kept within zlib's bounds for the output buffer.
 */
export const declaredSize = (chunk: Uint8Array): number => {
  if (chunk.byteLength < gzipFrameBytes) return minOutputBytes;
  const trailer = new DataView(chunk.buffer, chunk.byteOffset, chunk.byteLength);
  const size = trailer.getUint32(chunk.byteLength - 4, true);
  return Math.min(maxOutputBytes, Math.max(minOutputBytes, size));
};

/**
 * Why the output buffer is sized: with zlib's default of 16 KB, a 2,000-line chunk (some 640 KB of
 * JSON) is unpacked in forty pieces copied together; in one piece it took a third of the time here
 * (docs/performance.md §9, "An invoice's lines unpacked in one piece").
 */
export const unpackLines = (chunk: Uint8Array): InvoiceLine[] =>
  JSON.parse(gunzipSync(chunk, { chunkSize: declaredSize(chunk) }).toString('utf8'));
