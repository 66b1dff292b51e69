/**
 * POST /product: adds a product to the platform's catalogue, with its three prices. The product
 * code is the product's number in the resellers' accounting systems, so exports can find it.
 */
import { newId } from '#domain/ids';
import type { Product } from '#domain/product';
import { httpHandler } from '#lambda/http-handler';
import { putNewProduct } from '#store/products';
import { productDocument } from '../commons/documents.ts';
import { createProductBody, presentProduct } from './schemas.ts';

export const handler = httpHandler({
  access: ['ADMIN'],
  docs: {
    summary: 'Add a product to the catalogue',
    responses: { 201: { description: 'The new product', schema: productDocument } },
  },
  body: createProductBody,
  handle: async ({ caller, body }) => {
    const now = new Date().toISOString();
    const product: Product = { id: newId(), ...body, createdAt: now, updatedAt: now };
    await putNewProduct(product);
    return { status: 201, json: presentProduct(product, caller.role) };
  },
});
