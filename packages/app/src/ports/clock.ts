/** Time as a use case sees it: injected, so that a test can say what "now" is. */
export interface Clock {
  now(): Date;
}
