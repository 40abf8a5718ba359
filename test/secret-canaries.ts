// Fake secrets for the redaction tests (unit and e2e canary): built at run
// time from random characters so they match the shapes of real credentials
// (the rules' patterns) without being, or looking committed as, real keys.
import { randomBytes, randomInt } from "node:crypto";

const ALNUM = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
const UPPER_DIGITS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";

function pick(alphabet: string, n: number): string {
  let s = "";
  for (let i = 0; i < n; i++) s += alphabet[randomInt(alphabet.length)];
  return s;
}

const b64url = (s: string) => Buffer.from(s).toString("base64url");

/** One planted secret: the text to plant, the distinctive random part to search for, and the rule expected to fire. */
export type Canary = { kind: string; text: string; core: string; ruleId: string };

/** One canary of each kind the issue names (fresh random values on every call). */
export function makeCanaries(): Canary[] {
  const awsId = `AKIA${pick(UPPER_DIGITS, 16)}`;
  const awsSecret = pick(ALNUM, 40);
  const github = `ghp_${pick(ALNUM, 36)}`;
  const slack = `xoxb-${pick("0123456789", 12)}-${pick("0123456789", 13)}-${pick(ALNUM, 24)}`;
  const openai = `sk-proj-${pick(ALNUM, 74)}T3BlbkFJ${pick(ALNUM, 74)}`;
  const anthropic = `sk-ant-api03-${pick(ALNUM, 93)}AA`;
  const google = `AIza${pick(ALNUM, 35)}`;
  const jwtSignature = randomBytes(32).toString("base64url").replace(/[-_]/g, "x");
  const jwt = `${b64url(JSON.stringify({ alg: "HS256", typ: "JWT" }))}.${b64url(JSON.stringify({ sub: pick(ALNUM, 12), name: "Canary" }))}.${jwtSignature}`;
  const pemBody = `MII${pick(ALNUM, 317)}`;
  const pem = `-----BEGIN RSA PRIVATE KEY-----\n${pemBody.match(/.{1,64}/g)!.join("\n")}\n-----END RSA PRIVATE KEY-----`;
  const password = pick(ALNUM, 18);
  return [
    { kind: "aws-access-key-id", text: awsId, core: awsId.slice(4), ruleId: "aws-access-key-id" },
    { kind: "aws-secret-access-key", text: `AWS_SECRET_ACCESS_KEY=${awsSecret}`, core: awsSecret.slice(4, 36), ruleId: "aws-secret-access-key" },
    { kind: "github-token", text: github, core: github.slice(4), ruleId: "github-token" },
    { kind: "slack-token", text: slack, core: slack.slice(-24), ruleId: "slack-token" },
    { kind: "openai-key", text: openai, core: openai.slice(8, 60), ruleId: "openai-token" },
    { kind: "anthropic-key", text: anthropic, core: anthropic.slice(13, 70), ruleId: "anthropic-api-key" },
    { kind: "google-api-key", text: google, core: google.slice(4), ruleId: "gcp-api-key" },
    { kind: "jwt", text: jwt, core: jwtSignature.slice(0, 30), ruleId: "jwt" },
    { kind: "private-key", text: pem, core: pemBody.slice(3, 60), ruleId: "private-key" },
    { kind: "url-password", text: `https://canary:${password}@db.example.com/reports`, core: password, ruleId: "basic-auth" },
  ];
}
