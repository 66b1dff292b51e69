import { describe, expect, it } from 'vitest';
import { writeFailure } from '#app/invoices/write-conflicts';
import { InvoiceTooLarge, InvoiceWriteConflict } from '#app/ports/store';

const bodyOf = (thrown: unknown) => (thrown as { toBody(): unknown }).toBody();

describe('writeFailure', () => {
  it('refuses an invoice too large to store by its lines', () => {
    // Prepare
    const error = new InvoiceTooLarge('lines', 5_000_000, 3_900_000);

    // Act
    const refusal = writeFailure(error, false);

    // Assess
    expect(bodyOf(refusal)).toEqual({ status: 422, message: 'lines', description: error.message });
  });

  it('names a taken invoice number and billed items, with a key or without', () => {
    // Act
    const refusals = [true, false].flatMap((replayable) => [
      bodyOf(writeFailure(new InvoiceWriteConflict('invoice-number-taken'), replayable)),
      bodyOf(writeFailure(new InvoiceWriteConflict('items-gone'), replayable)),
    ]);

    // Assess
    const taken = { status: 422, message: 'invoiceNumber', description: 'Invoice number is already used' };
    const gone = { status: 404, message: 'currentInvoices', description: 'Some or all items were not found' };
    expect(refusals).toEqual([taken, gone, taken, gone]);
  });

  it('answers a concurrent write 409 without a key, and leaves it to the replay with one', () => {
    // Prepare
    const concurrent = new InvoiceWriteConflict('concurrent-write');

    // Act
    const [withoutKey, withKey] = [writeFailure(concurrent, false), writeFailure(concurrent, true)];

    // Assess
    expect(bodyOf(withoutKey)).toEqual({
      status: 409,
      message: 'currentInvoices',
      description: 'Another request was billing the same items at the same time; retry',
    });
    expect(withKey).toBe(concurrent);
  });

  it('leaves an existing invoice and any other error as they are', () => {
    // Prepare
    const exists = new InvoiceWriteConflict('invoice-exists');
    const other = new Error('DynamoDB is down');

    // Act
    const answers = [writeFailure(exists, true), writeFailure(exists, false), writeFailure(other, false)];

    // Assess
    expect(answers).toEqual([exists, exists, other]);
  });
});
