/** A typed event emitter: `on()` returns its own unsubscribe function. */
export interface Emitter<Events extends Record<string, unknown>> {
  /** Calls `handler` for every event of `type`; returns the function that stops it. */
  on<K extends keyof Events>(type: K, handler: (event: Events[K]) => void): () => void;
  /** Calls every handler of `type` with `event`, in the order they were added. */
  emit<K extends keyof Events>(type: K, event: Events[K]): void;
  /** How many handlers are registered (for leak checks). */
  listenerCount(): number;
  /** Removes every handler. */
  clear(): void;
}

/** A new typed event emitter (`CallController.events` is one). */
export function createEmitter<Events extends Record<string, unknown>>(): Emitter<Events> {
  const handlers = new Map<keyof Events, Set<(event: never) => void>>();
  return {
    on(type, handler) {
      let set = handlers.get(type);
      if (!set) {
        set = new Set();
        handlers.set(type, set);
      }
      set.add(handler as (event: never) => void);
      return () => {
        set.delete(handler as (event: never) => void);
      };
    },
    emit(type, event) {
      for (const h of [...(handlers.get(type) ?? [])]) {
        try {
          (h as (e: typeof event) => void)(event);
        } catch (e) {
          // One failing handler must not stop the others or the call.
          queueMicrotask(() => {
            throw e;
          });
        }
      }
    },
    listenerCount() {
      let n = 0;
      for (const s of handlers.values()) n += s.size;
      return n;
    },
    clear() {
      handlers.clear();
    },
  };
}
