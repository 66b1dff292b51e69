import { gzipSync } from 'node:zlib';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { InvoiceLine } from '#domain/invoice/model';
import { declaredSize, packLines, unpackLines } from '../../src/invoice-chunks.ts';

/** Lines as the chunks hold them: any JSON object per line is kept as it is. */
const anyLines = fc.array(
  fc.record({
    product: fc.string(),
    description: fc.string({ unit: 'binary' }),
    units: fc.double({ noNaN: true, noDefaultInfinity: true }),
  }),
  { maxLength: 60 },
) as unknown as fc.Arbitrary<InvoiceLine[]>;

/** The chunk with its trailer's ISIZE (the last four bytes) replaced. */
const withDeclaredSize = (chunk: Uint8Array, size: number): Uint8Array => {
  const copy = Uint8Array.from(chunk);
  new DataView(copy.buffer).setUint32(copy.byteLength - 4, size, true);
  return copy;
};

describe('invoice line chunks', () => {
  it('unpacks what was packed, line for line, whatever the lines say', () => {
    fc.assert(
      fc.property(anyLines, (lines) => {
        // Act
        const unpacked = packLines(lines).flatMap(unpackLines);

        // Assess
        expect(unpacked).toEqual(JSON.parse(JSON.stringify(lines)));
      }),
    );
  });

  it('reads the uncompressed size a chunk declares in its gzip trailer', () => {
    // Prepare
    const text = JSON.stringify([{ description: 'x'.repeat(100_000) }]);

    // Act
    const size = declaredSize(gzipSync(text));

    // Assess
    expect(size).toBe(Buffer.byteLength(text));
  });

  it('keeps the size within zlib’s bounds: 64 bytes at least, 64 MB at most', () => {
    // Prepare: a chunk too short to hold a trailer, and trailers declaring 1 byte and 4 GB
    const tooShort = new Uint8Array(10);
    const tiny = withDeclaredSize(new Uint8Array(32), 1);
    const huge = withDeclaredSize(new Uint8Array(32), 0xffffffff);

    // Act
    const sizes = [tooShort, tiny, huge].map(declaredSize);

    // Assess
    expect(sizes).toEqual([64, 64, 64 * 1024 * 1024]);
  });

  it('refuses a chunk whose trailer is wrong as corrupt (gzip checks the size it declares)', () => {
    // Prepare
    const [chunk] = packLines([{ description: 'Linje'.repeat(1_000) }] as unknown as InvoiceLine[]);

    // Act
    const unpack = () => unpackLines(withDeclaredSize(chunk!, 7));

    // Assess
    expect(unpack).toThrow();
  });
});
