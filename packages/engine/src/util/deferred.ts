// A promise with its resolve/reject exposed, for lifecycle signals (termination, idleness).

export interface Deferred<T> {
  promise: Promise<T>;
  resolve(value: T): void;
  reject(error: unknown): void;
  settled: boolean;
}

export function deferred<T>(): Deferred<T> {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  const result: Deferred<T> = {
    promise,
    settled: false,
    resolve(value) {
      result.settled = true;
      resolve(value);
    },
    reject(error) {
      result.settled = true;
      reject(error);
    },
  };
  return result;
}
