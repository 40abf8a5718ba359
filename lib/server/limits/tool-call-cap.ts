// The bound on tool calls per plan run (EXECUTE_MAX_TOOL_CALLS; OWASP Top 10
// for LLM applications, LLM06 "Excessive Agency"). EXECUTE_MAX_STEPS bounds the
// model steps per task; this bounds the run as a whole, its retried attempts
// together (the run's stored `toolCalls` count carries over).
import "server-only";

/** A run's tool-call allowance: `max` in all, `prior` already made by earlier attempts. */
export class ToolCallCap {
  /** Set once a call was refused: the run must stop. */
  reached = false;

  constructor(
    readonly max: number,
    private readonly prior = 0,
  ) {}

  /** Whether one more call may run when `made` calls ran in this attempt; a refusal marks the cap reached. */
  allows(made: number): boolean {
    if (this.prior + made < this.max) return true;
    this.reached = true;
    return false;
  }

  /** Why the run stopped, for the model (the refused call's error) and the run's log. */
  get reason(): string {
    return `Stopped: this run reached its limit of ${this.max} tool calls (EXECUTE_MAX_TOOL_CALLS)`;
  }
}
