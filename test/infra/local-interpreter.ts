/**
 * aws-local-stepfunctions (the local runtime's interpreter) needs Promise.withResolvers, which
 * Node 22 has and the Node 20 of these machines does not. Importing this module provides it.
 */
if (!('withResolvers' in Promise)) {
  Object.assign(Promise, {
    withResolvers<T>() {
      let resolve!: (value: T) => void;
      let reject!: (reason?: unknown) => void;
      const promise = new Promise<T>((res, rej) => {
        resolve = res;
        reject = rej;
      });
      return { promise, resolve, reject };
    },
  });
}
