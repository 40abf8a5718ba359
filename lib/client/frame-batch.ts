// Render batching for streamed log lines: one shared tick flushes every
// follower's pending frames in the same task, so React renders all busy panels
// together and the page lays out once per tick, not once per panel or line.

/** Longest a streamed line waits before it is delivered (and rendered), ms. */
export const FRAME_BATCH_MS = 50;

const due = new Set<() => void>();
let tick: ReturnType<typeof setTimeout> | undefined;

function enqueue(flush: () => void): void {
  due.add(flush);
  tick ??= setTimeout(() => {
    tick = undefined;
    const flushes = [...due];
    due.clear();
    for (const f of flushes) f();
  }, FRAME_BATCH_MS);
}

/** Items collected for one delivery; see createFrameBatch. */
export type FrameBatch<T> = {
  /** Adds an item; the batch is delivered within FRAME_BATCH_MS (with every other batch due). */
  push(item: T): void;
  /** Delivers what is pending now (call before anything that must come after it, to keep order). */
  flush(): void;
};

/**
 * A batch of items delivered to `deliver` in arrival order, at most once per
 * shared FRAME_BATCH_MS tick: a busy log at hundreds of lines a second would
 * otherwise render, and copy its event list, once per line.
 * @example const batch = createFrameBatch<StreamFrame>((frames) => apply(frames)); batch.push(frame);
 */
export function createFrameBatch<T>(deliver: (items: T[]) => void): FrameBatch<T> {
  let pending: T[] = [];
  const flush = () => {
    due.delete(flush);
    if (pending.length === 0) return;
    const items = pending;
    pending = [];
    deliver(items);
  };
  return {
    push(item) {
      if (pending.push(item) === 1) enqueue(flush);
    },
    flush,
  };
}
