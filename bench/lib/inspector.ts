// Talks to a child's V8 inspector (started with --inspect=127.0.0.1:<port>)
// over the Chrome DevTools Protocol: force a full GC before reading the heap
// (so "heap per stream" is live memory, not garbage awaiting collection) and
// take CPU profiles. Uses Node's global WebSocket client.
import type { CpuProfile, SamplingHeapProfile } from "./profile.ts";

type Pending = { resolve(v: unknown): void; reject(e: Error): void };

export class Inspector {
  private nextId = 1;
  private pending = new Map<number, Pending>();

  private constructor(private readonly ws: WebSocket) {
    ws.addEventListener("message", (ev) => {
      const msg = JSON.parse(String(ev.data)) as { id?: number; result?: unknown; error?: { message: string } };
      if (msg.id === undefined) return;
      const p = this.pending.get(msg.id);
      if (!p) return;
      this.pending.delete(msg.id);
      if (msg.error) p.reject(new Error(msg.error.message));
      else p.resolve(msg.result);
    });
    ws.addEventListener("close", () => {
      for (const p of this.pending.values()) p.reject(new Error("inspector closed"));
      this.pending.clear();
    });
  }

  /** Connects to the first target of the inspector at 127.0.0.1:`port`. */
  static async connect(port: number, timeoutMs = 10_000): Promise<Inspector> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      try {
        const targets = (await (await fetch(`http://127.0.0.1:${port}/json/list`)).json()) as { webSocketDebuggerUrl: string }[];
        const ws = new WebSocket(targets[0].webSocketDebuggerUrl);
        await new Promise<void>((resolve, reject) => {
          ws.addEventListener("open", () => resolve(), { once: true });
          ws.addEventListener("error", () => reject(new Error("inspector websocket failed")), { once: true });
        });
        return new Inspector(ws);
      } catch (error) {
        if (Date.now() > deadline) throw error;
        await new Promise((r) => setTimeout(r, 200));
      }
    }
  }

  send<T = unknown>(method: string, params: Record<string, unknown> = {}): Promise<T> {
    const id = this.nextId++;
    return new Promise<T>((resolve, reject) => {
      this.pending.set(id, { resolve: resolve as (v: unknown) => void, reject });
      this.ws.send(JSON.stringify({ id, method, params }));
    });
  }

  /** V8 heap used after two forced full collections, bytes. */
  async settledHeapUsed(): Promise<number> {
    await this.send("HeapProfiler.collectGarbage");
    await this.send("HeapProfiler.collectGarbage");
    const r = await this.send<{ result: { value: number } }>("Runtime.evaluate", {
      expression: "process.memoryUsage().heapUsed",
      returnByValue: true,
    });
    return r.result.value;
  }

  async startProfile(intervalUs = 1000): Promise<void> {
    await this.send("Profiler.enable");
    await this.send("Profiler.setSamplingInterval", { interval: intervalUs });
    await this.send("Profiler.start");
  }

  async stopProfile(): Promise<CpuProfile> {
    const r = await this.send<{ profile: CpuProfile }>("Profiler.stop");
    await this.send("Profiler.disable");
    return r.profile;
  }

  /** Starts the sampling heap profiler (allocations are tracked until collected). */
  async startHeapSampling(intervalBytes = 4096): Promise<void> {
    await this.send("HeapProfiler.enable");
    await this.send("HeapProfiler.startSampling", { samplingInterval: intervalBytes });
  }

  /** Forces full GCs, then returns the allocation sites of the sampled objects still alive. */
  async stopHeapSampling(): Promise<SamplingHeapProfile> {
    await this.send("HeapProfiler.collectGarbage");
    await this.send("HeapProfiler.collectGarbage");
    const r = await this.send<{ profile: SamplingHeapProfile }>("HeapProfiler.stopSampling");
    await this.send("HeapProfiler.disable");
    return r.profile;
  }

  close(): void {
    this.ws.close();
  }
}
