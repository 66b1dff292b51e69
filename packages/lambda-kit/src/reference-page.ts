/**
 * A readable API reference, as one self-contained HTML page rendered from the OpenAPI document:
 * no script, no CDN, so it works on a machine without internet and behind any content policy.
 */
// biome-ignore lint/suspicious/noExplicitAny: the OpenAPI document is walked generically, field by field
type Json = Record<string, any>;

const escapeHtml = (text: unknown): string =>
  String(text ?? '').replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!,
  );

/** Inline `code` spans and paragraphs from the descriptions' Markdown subset. */
const prose = (text: unknown): string =>
  String(text ?? '')
    .split(/\n\n+/)
    .filter(Boolean)
    .map((paragraph) => `<p>${escapeHtml(paragraph).replace(/`([^`]+)`/g, '<code>$1</code>')}</p>`)
    .join('');

const typeOf = (schema: Json | undefined): string => {
  if (!schema) return '';
  if (schema.$ref) return String(schema.$ref).split('/').pop()!;
  if (schema.enum) return schema.enum.map((v: unknown) => JSON.stringify(v)).join(' | ');
  if (schema.anyOf) return schema.anyOf.map(typeOf).join(' | ');
  if (schema.type === 'array') return `${typeOf(schema.items)}[]`;
  return String(schema.type ?? 'any');
};

const constraints = (schema: Json): string =>
  [
    schema.minimum !== undefined && `≥ ${schema.minimum}`,
    schema.maximum !== undefined && `≤ ${schema.maximum}`,
    schema.maxLength !== undefined && `≤ ${schema.maxLength} chars`,
    schema.maxItems !== undefined && `≤ ${schema.maxItems} items`,
    schema.pattern && `pattern ${schema.pattern}`,
    schema.default !== undefined && `default ${JSON.stringify(schema.default)}`,
  ]
    .filter(Boolean)
    .join(', ');

const fields = (schema: Json | undefined, prefix = ''): string => {
  if (schema?.type !== 'object' || !schema.properties) return '';
  const required = new Set<string>(schema.required ?? []);
  return Object.entries<Json>(schema.properties)
    .map(([name, property]) => {
      const item = property.type === 'array' ? property.items : property;
      const row = `<tr><td><code>${escapeHtml(prefix + name)}</code>${required.has(name) ? ' <b>required</b>' : ''}</td><td>${escapeHtml(typeOf(property))}</td><td>${escapeHtml(constraints(property))}</td><td>${escapeHtml(property.description ?? '')}</td></tr>`;
      return row + fields(item, `${prefix}${name}${property.type === 'array' ? '[]' : ''}.`);
    })
    .join('');
};

const table = (title: string, rows: string): string =>
  rows
    ? `<h4>${title}</h4><table><tr><th>field</th><th>type</th><th>limits</th><th>meaning</th></tr>${rows}</table>`
    : '';

export const renderReferencePage = (document: Json): string => {
  const sections: string[] = [];
  const toc: string[] = [];
  for (const [path, item] of Object.entries<Json>(document.paths)) {
    for (const [method, operation] of Object.entries<Json>(item)) {
      const anchor = `${method}-${path}`.replace(/[^a-z0-9]+/gi, '-');
      toc.push(
        `<li><a href="#${anchor}"><code>${method.toUpperCase()} ${escapeHtml(path)}</code></a> ${escapeHtml(operation.summary)}</li>`,
      );
      const parameters = (operation.parameters ?? [])
        .map(
          (p: Json) =>
            `<tr><td><code>${escapeHtml(p.name)}</code> (${p.in})${p.required ? ' <b>required</b>' : ''}</td><td>${escapeHtml(typeOf(p.schema))}</td><td>${escapeHtml(constraints(p.schema ?? {}))}</td><td>${escapeHtml(p.description ?? '')}</td></tr>`,
        )
        .join('');
      const body = operation.requestBody?.content?.['application/json']?.schema;
      const responses = Object.entries<Json>(operation.responses)
        .map(([status, response]) => {
          const schema = response.content?.['application/json']?.schema;
          return `<li><b>${status}</b> ${prose(response.description)}${schema && !schema.$ref ? table('fields', fields(schema)) : ''}</li>`;
        })
        .join('');
      sections.push(
        `<section id="${anchor}"><h3><code>${method.toUpperCase()} ${escapeHtml(path)}</code> — ${escapeHtml(operation.summary)}</h3>${prose(operation.description)}${table('parameters', parameters)}${table('body', fields(body))}<h4>responses</h4><ul>${responses}</ul></section>`,
      );
    }
  }
  const error = fields(document.components?.schemas?.Error);
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(document.info.title)}</title>
<style>body{font:15px/1.5 system-ui,sans-serif;max-width:1100px;margin:2em auto;padding:0 1em;color:#222}code{background:#f3f3f3;padding:0 .2em}table{border-collapse:collapse;margin:.5em 0}td,th{border:1px solid #ddd;padding:.2em .5em;text-align:left;vertical-align:top}section{border-top:1px solid #ccc;margin-top:2em}</style>
</head><body><h1>${escapeHtml(document.info.title)} <small>${escapeHtml(document.info.version)}</small></h1>${prose(document.info.description)}
<p>Machine-readable: <a href="/openapi.json">/openapi.json</a> (OpenAPI ${escapeHtml(document.openapi)}).</p>
<h2>Errors</h2><p>Every error answers with this body:</p>${table('error', error)}
<h2>Routes</h2><ul>${toc.join('')}</ul>${sections.join('')}</body></html>`;
};
