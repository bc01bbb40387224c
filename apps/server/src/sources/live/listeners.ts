// A set of listeners that a failing listener cannot break: its error is handed to `onError`.

export type Listener<T> = (value: T) => void;

export class Listeners<T> {
  private readonly listeners = new Set<Listener<T>>();

  constructor(private readonly onError: (error: unknown) => void) {}

  /** Adds a listener; returns the function that removes it. */
  add(listener: Listener<T>): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  emit(value: T): void {
    for (const listener of this.listeners) {
      try {
        listener(value);
      } catch (error) {
        this.onError(error);
      }
    }
  }
}
