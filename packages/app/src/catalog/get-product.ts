import type { Product } from '#domain/product';
import { notFound } from '#domain/refusal';

export interface GetProductPorts {
  readonly products: { getProduct(id: string): Promise<Product | undefined> };
}

/** Any signed-in role reads any product; which prices it sees is the presentation's. */
export const getProduct = async ({ products }: GetProductPorts, id: string): Promise<Product> => {
  const product = await products.getProduct(id);
  if (!product) throw notFound();
  return product;
};
