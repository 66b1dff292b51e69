import type { Clock } from '#app/ports/clock';
import type { Product } from '#domain/product';
import { notFound } from '#domain/refusal';
import type { ProductFields } from './create-product.ts';

export interface UpdateProductPorts {
  readonly products: {
    updateProduct(
      id: string,
      changes: Partial<Omit<Product, 'id' | 'createdAt'>>,
    ): Promise<Product | undefined>;
  };
  readonly clock: Clock;
}

/** Barring a product stops its use on new lines; invoices already made keep their copy of the line. */
export const updateProduct = async (
  { products, clock }: UpdateProductPorts,
  id: string,
  changes: Partial<ProductFields>,
): Promise<Product> => {
  const product = await products.updateProduct(id, { ...changes, updatedAt: clock.now().toISOString() });
  if (!product) throw notFound();
  return product;
};
