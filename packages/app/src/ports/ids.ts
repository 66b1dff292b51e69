/** New ids (packages/domain/src/ids.ts has their form); injected, so that a test can predict them. */
export interface Ids {
  newId(now?: Date): string;
}
