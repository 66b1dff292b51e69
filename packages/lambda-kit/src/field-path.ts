/**
 * Turns a validation path into the key the seeds use: `['lines', 2, 'units']` → `lines[2].units`.
 */
export const fieldKey = (path: readonly PropertyKey[]): string =>
  path.reduce<string>((key, segment) => {
    if (typeof segment === 'number') return `${key}[${segment}]`;
    const name = String(segment);
    return key === '' ? name : `${key}.${name}`;
  }, '');
