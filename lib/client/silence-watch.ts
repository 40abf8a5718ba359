// A dead-connection detector for streams that promise a heartbeat.

/**
 * Calls `onSilent` once when nothing was `heard()` for `limitMs` (ms), counting
 * from construction; checked by one timer re-armed for the time left, so
 * `heard()` on every frame costs a clock read, not a timer. `stop()` disarms it.
 */
export class SilenceWatch {
  private last = Date.now();
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly limitMs: number,
    private readonly onSilent: () => void,
  ) {
    this.arm(limitMs);
  }

  readonly heard = (): void => {
    this.last = Date.now();
  };

  stop(): void {
    clearTimeout(this.timer);
  }

  private arm(ms: number): void {
    this.timer = setTimeout(() => {
      const quiet = Date.now() - this.last;
      if (quiet >= this.limitMs) this.onSilent();
      else this.arm(this.limitMs - quiet);
    }, ms);
  }
}
