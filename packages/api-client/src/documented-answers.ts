/**
 * Holds every answer to the API reference: the status must be one the reference documents for the
 * operation, and a JSON body must match the schema it documents for that status. Types check what
 * a caller sends; this checks what the API really answers, so a route that drifts from its
 * reference fails the call that meets the drift, naming the operation, the status and what did not
 * match. Faktura's end-to-end tests hold every answer to it: those through the typed client with
 * the middleware (answersAsDocumented), the few sent untyped on purpose with the check itself
 * (documentedAnswers), which finds the operation from the request's path.
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

/** One answer as received: the body already parsed when it is JSON. */
export interface ReceivedAnswer {
  readonly status: number;
  readonly contentType: string | null;
  readonly body: () => Promise<unknown>;
}

export interface DocumentedAnswers {
  /**
   * The reference's path template a request path falls under (`/invoice/{id}`), if any. Found from
   * the reference alone, as an integrator holding only /openapi.json would, and without decoding the
   * path: the local gateway's matcher (tools/local-runtime/src/gateway/route-table.ts) needs the
   * catalog and refuses a path it cannot decode, whose 400 answer is checked here too.
   */
  templateOf(pathname: string): string | undefined;
  /** Throws UndocumentedAnswer when the answer to `method schemaPath` is not as documented. */
  check(method: string, schemaPath: string, answer: ReceivedAnswer): Promise<void>;
}

export class UndocumentedAnswer extends Error {
  public override readonly name = 'UndocumentedAnswer';
}

/** A JSON Pointer segment (`/` and `~` escaped), for the schema's place in the document. */
const segment = (text: string) => text.replaceAll('~', '~0').replaceAll('/', '~1');

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** `/invoice/{id}` → a pattern for one path; literal segments win over a parameter (`/invoice/current`). */
const templatePattern = (template: string) => {
  const literals = template.split(/\{[^}]+\}/).map(escapeRegExp);
  return new RegExp(`^${literals.join('[^/]+')}$`);
};

export const documentedAnswers = (reference: Reference): DocumentedAnswers => {
  const id = 'faktura-api-reference';
  const ajv = new Ajv2020({ strict: false, allErrors: true });
  addFormats.default(ajv);
  // The whole document as one schema: the answers' $refs (#/components/schemas/…) resolve in it.
  ajv.addSchema(reference, id);
  const templates = Object.keys(reference.paths)
    .map((template) => ({
      template,
      pattern: templatePattern(template),
      parameters: template.split('{').length,
    }))
    .sort((a, b) => a.parameters - b.parameters);
  return {
    templateOf: (pathname) => templates.find(({ pattern }) => pattern.test(pathname))?.template,
    async check(method, schemaPath, answer) {
      const verb = method.toLowerCase();
      const operation = `${method.toUpperCase()} ${schemaPath}`;
      const answers = reference.paths[schemaPath]?.[verb]?.responses;
      if (!answers) throw new UndocumentedAnswer(`${operation} is not in the API reference`);
      const documented = answers[String(answer.status)];
      if (!documented)
        throw new UndocumentedAnswer(
          `${operation} answered ${answer.status}, which the reference does not document (it documents ${Object.keys(answers).join(', ')})`,
        );
      const schema = documented.content?.['application/json']?.schema;
      if (!schema || !answer.contentType?.includes('application/json')) return;
      const pointer = [
        'paths',
        schemaPath,
        verb,
        'responses',
        String(answer.status),
        'content',
        'application/json',
        'schema',
      ]
        .map(segment)
        .join('/');
      const validate = ajv.getSchema(`${id}#/${pointer}`)!;
      if (!validate(await answer.body()))
        throw new UndocumentedAnswer(
          `${operation} answered ${answer.status} with a body the reference does not describe: ${ajv.errorsText(validate.errors)}`,
        );
    },
  };
};

/**
 * The check as openapi-fetch middleware: the client knows each call's operation. Given the
 * reference, it compiles its own check; given a check, it shares it (and its compiled schemas) with
 * the other callers of that check.
 */
export const answersAsDocumented = (reference: Reference | DocumentedAnswers): Middleware => {
  const answers = 'check' in reference ? reference : documentedAnswers(reference);
  return {
    async onResponse({ request, response, schemaPath }) {
      await answers.check(request.method, schemaPath, {
        status: response.status,
        contentType: response.headers.get('content-type'),
        body: () => response.clone().json(),
      });
      return undefined;
    },
  };
};
