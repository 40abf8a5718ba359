// A value kept in localStorage and shared by every component of a tab (and
// across tabs through the `storage` event), for `useSyncExternalStore`.

/** A string value in localStorage, as a `useSyncExternalStore` store. */
export type PersistedStore<T> = {
  subscribe(listener: () => void): () => void;
  getSnapshot(): T;
  /** What the server and the hydration pass render (no storage there). */
  getServerSnapshot(): T;
  set(value: T): void;
};

/**
 * A localStorage-backed external store. `read` turns the stored string (or
 * null) into a value, falling back to a default of its choosing; the server
 * snapshot is `serverValue`, so hydration never mismatches. When storage is
 * disabled the choice lasts until reload.
 * @example const store = createPersistedStore("planstream.logTime", (s) => s === "relative" ? "relative" : "clock", "clock");
 */
export function createPersistedStore<T extends string>(key: string, read: (stored: string | null) => T, serverValue: T): PersistedStore<T> {
  const listeners = new Set<() => void>();
  let chosen: T | undefined;
  const load = (): T => {
    try {
      return read(window.localStorage.getItem(key));
    } catch {
      return read(null);
    }
  };
  return {
    subscribe(listener) {
      listeners.add(listener);
      const onStorage = (e: StorageEvent) => {
        if (e.key !== key) return;
        chosen = undefined;
        listener();
      };
      window.addEventListener("storage", onStorage);
      return () => {
        listeners.delete(listener);
        window.removeEventListener("storage", onStorage);
      };
    },
    getSnapshot: () => (chosen ??= load()),
    getServerSnapshot: () => serverValue,
    set(value) {
      chosen = value;
      try {
        window.localStorage.setItem(key, value);
      } catch {
        /* storage disabled */
      }
      for (const l of listeners) l();
    },
  };
}
