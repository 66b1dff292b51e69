import { describe, expect, it } from 'vitest';
import { validationErrorSummary } from '../../../src/economic/validation-errors.ts';

describe('validationErrorSummary', () => {
  it('names each field of the annotated tree with its message and code, lines by their arrayIndex', () => {
    // Prepare: the shape e-conomic answers a draft order with a bad line and a missing due date
    const body = {
      message: 'Validation error.',
      errors: {
        dueDate: {
          errors: [{ errorCode: 'E04042', message: 'Due date is required for these payment terms.' }],
        },
        lines: [
          {
            arrayIndex: 2,
            quantity: { errors: [{ message: 'Integer -1 is less than minimum value of 0.01.', value: -1 }] },
          },
        ],
      },
    };

    // Act and assess
    expect(validationErrorSummary(body)).toBe(
      'Validation error. dueDate: Due date is required for these payment terms. (E04042); lines[2].quantity: Integer -1 is less than minimum value of 0.01.',
    );
  });

  it('shows the first few and counts the rest', () => {
    // Prepare
    const lines = Array.from({ length: 7 }, (_, index) => ({
      arrayIndex: index,
      product: { errors: [{ errorCode: 'E06000', message: 'product does not exist.' }] },
    }));

    // Act
    const summary = validationErrorSummary({ message: 'Validation error.', errors: { lines } }, 2);

    // Assess
    expect(summary).toBe(
      'Validation error. lines[0].product: product does not exist. (E06000); lines[1].product: product does not exist. (E06000); and 5 more',
    );
  });

  it('has nothing to add to a body without an annotated tree', () => {
    // Act and assess
    expect(validationErrorSummary({ message: 'Not found.' })).toBeUndefined();
    expect(validationErrorSummary('Bad Request')).toBeUndefined();
    expect(validationErrorSummary({ message: 'Validation error.', errors: {} })).toBeUndefined();
  });
});
