import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { rename, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';

/** Reads a JSON file the local runtime wrote; undefined when there is none yet. */
export const readJsonFile = <T>(file: string): T | undefined => {
  if (!existsSync(file)) return undefined;
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as T;
  } catch (error) {
    throw new Error(
      `${file} is not valid JSON (${(error as Error).message}); move it away or start with --fresh`,
    );
  }
};

/**
 * Writes a JSON document to one file, atomically (a temporary file renamed over the old one, so a
 * crash leaves the old or the new document, never half of one) and in order (each write waits for
 * the previous). The file gets `mode` (0600 by default: only its owner may read it) and its folder
 * 0700 when it creates it.
 */
export class JsonFileWriter {
  #pending: Promise<void> = Promise.resolve();
  #sequence = 0;

  public constructor(
    private readonly file: string,
    private readonly mode = 0o600,
  ) {
    mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
  }

  /** Queues a write of `document` (serialized now, so later changes to it are not written). */
  public write(document: unknown): Promise<void> {
    const text = `${JSON.stringify(document, null, 2)}\n`;
    const temporary = `${this.file}.${process.pid}.${++this.#sequence}.tmp`;
    this.#pending = this.#pending
      .catch(() => undefined)
      .then(async () => {
        await writeFile(temporary, text, { mode: this.mode });
        await rename(temporary, this.file);
      });
    return this.#pending;
  }

  /** Resolves when every queued write has finished. */
  public flush(): Promise<void> {
    return this.#pending.catch(() => undefined);
  }
}
