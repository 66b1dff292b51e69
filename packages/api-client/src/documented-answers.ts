/**
 * An openapi-fetch middleware that holds every answer to the API reference: the status must be one
 * the reference documents for the operation, and a JSON body must match the schema it documents
 * for that status. Types check what a caller sends; this checks what the API really answers, so a
 * route that drifts from its reference fails the call that meets the drift (Faktura's end-to-end
 * tests call the API through it), naming the operation, the status and what did not match.
 */
import Ajv2020 from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import type { Middleware } from 'openapi-fetch';

interface Reference {
  readonly paths: Record<string, Record<string, { responses?: Record<string, DocumentedAnswer> }>>;
}

interface DocumentedAnswer {
  readonly content?: Record<string, { schema?: unknown }>;
}

export class UndocumentedAnswer extends Error {
  public override readonly name = 'UndocumentedAnswer';
}

/** A JSON Pointer segment (`/` and `~` escaped), for the schema's place in the document. */
const segment = (text: string) => text.replaceAll('~', '~0').replaceAll('/', '~1');

export const answersAsDocumented = (reference: Reference): Middleware => {
  const id = 'faktura-api-reference';
  const ajv = new Ajv2020({ strict: false, allErrors: true });
  addFormats.default(ajv);
  // The whole document as one schema: the answers' $refs (#/components/schemas/…) resolve in it.
  ajv.addSchema(reference, id);
  return {
    async onResponse({ request, response, schemaPath }) {
      const method = request.method.toLowerCase();
      const operation = `${request.method} ${schemaPath}`;
      const answers = reference.paths[schemaPath]?.[method]?.responses;
      if (!answers) throw new UndocumentedAnswer(`${operation} is not in the API reference`);
      const documented = answers[String(response.status)];
      if (!documented)
        throw new UndocumentedAnswer(
          `${operation} answered ${response.status}, which the reference does not document (it documents ${Object.keys(answers).join(', ')})`,
        );
      const schema = documented.content?.['application/json']?.schema;
      if (!schema || !response.headers.get('content-type')?.includes('application/json')) return undefined;
      const pointer = [
        'paths',
        schemaPath,
        method,
        'responses',
        String(response.status),
        'content',
        'application/json',
        'schema',
      ]
        .map(segment)
        .join('/');
      const validate = ajv.getSchema(`${id}#/${pointer}`)!;
      const body = await response.clone().json();
      if (!validate(body))
        throw new UndocumentedAnswer(
          `${operation} answered ${response.status} with a body the reference does not describe: ${ajv.errorsText(validate.errors)}`,
        );
      return undefined;
    },
  };
};
