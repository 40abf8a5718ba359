// The third-party OpenAI-compatible mock server (npm `llm-mock`, scenarios and
// fault injection) as the failing provider of test/llm-mock.ts. The fault is
// chosen by a marker word in the prompt (llm-mock matches a case by substring
// of the last user message, and the app's prompt carries the user's message):
//   mock-429-long  → 429, Retry-After: 30     mock-429-short → 429, Retry-After: 1
//   mock-429-wait  → 429, Retry-After: 3      mock-500 / mock-503 / mock-401 → that status
//   mock-slow      → a well-formed answer after 3 s
//   mock-malformed → 200 with a body that is not JSON
//   anything else  → 200 whose content is JSON that does not match any schema
// llm-mock 0.6.7 cannot answer a matched case itself (its router reads an
// undefined config) nor stream; so every 200 comes from a linear scenario.
import { caseWhen, define, scenario } from "llm-mock";

const quick = { meanMs: 0, p95Ms: 0 };
const text = () => "unused";
const mismatch = JSON.stringify({ reply: 5, plan: "not the schema" });

export default define({
  server: { port: 11434 }, // the `--port` argument overrides it
  useScenario: "answers",
  scenarios: [scenario("answers", { steps: Array.from({ length: 10_000 }, () => ({ kind: "chat", reply: mismatch })) })],
  cases: [
    caseWhen("mock-429-long", text, { latency: quick, faults: [{ kind: "HTTP_429", retryAfterSec: 30 }] }),
    caseWhen("mock-429-short", text, { latency: quick, faults: [{ kind: "HTTP_429", retryAfterSec: 1 }] }),
    caseWhen("mock-429-wait", text, { latency: quick, faults: [{ kind: "HTTP_429", retryAfterSec: 3 }] }),
    caseWhen("mock-500", text, { latency: quick, faults: [{ kind: "HTTP_500" }] }),
    caseWhen("mock-503", text, { latency: quick, faults: [{ kind: "HTTP_503" }] }),
    caseWhen("mock-401", text, { latency: quick, faults: [{ kind: "HTTP_401" }] }),
    caseWhen("mock-slow", text, { latency: { meanMs: 3000, p95Ms: 3000 } }),
    caseWhen("mock-malformed", text, { latency: quick, faults: [{ kind: "MALFORMED_JSON" }] }),
  ],
});
