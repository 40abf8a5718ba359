// Where `http_get` may go: the allowlist (TOOL_HTTP_ALLOWLIST) and the
// address check that keeps a listed name from reaching the machine's own
// network (server-side request forgery: a wildcard entry or a DNS answer
// pointing at 127.0.0.1, 10.x, 169.254.169.254, fd00::/8, …). Ranges come
// from ipaddr.js: anything it does not call "unicast" is refused.
import "server-only";
import { domainToASCII } from "node:url";
import ipaddr from "ipaddr.js";

/** A resolved address of a host. */
export type ResolvedAddress = { address: string; family: number };

/** How a host matched the allowlist: by its own entry, or by a `*.domain` entry. */
export type AllowMatch = "exact" | "wildcard";

/** A host or entry in canonical form: lower case, punycode, no brackets around IPv6, no trailing dot. */
function canonicalHost(host: string): string {
  const bare = host.trim().replace(/^\[(.*)\]$/, "$1").replace(/\.$/, "").toLowerCase();
  if (ipaddr.isValid(bare)) return ipaddr.parse(bare).toString();
  return domainToASCII(bare) || bare;
}

/**
 * The allowlist from TOOL_HTTP_ALLOWLIST: entries separated by commas or
 * whitespace, each an exact host ("api.example.org", "127.0.0.1", "::1") or
 * a wildcard for subdomains ("*.example.org" matches "a.example.org" and
 * "a.b.example.org", not "example.org"). Canonical form; empty entries dropped.
 */
export function parseAllowlist(text: string): string[] {
  return text
    .split(/[\s,]+/)
    .filter(Boolean)
    .map((entry) => (entry.startsWith("*.") ? `*.${canonicalHost(entry.slice(2))}` : canonicalHost(entry)));
}

/** How `host` (a URL's hostname) matches `allowlist` (canonical entries), or null when it does not. */
export function matchAllowlist(host: string, allowlist: string[]): AllowMatch | null {
  const canonical = canonicalHost(host);
  if (allowlist.includes(canonical)) return "exact";
  const wildcard = allowlist.some((entry) => entry.startsWith("*.") && canonical.endsWith(entry.slice(1)) && canonical.length > entry.length - 1);
  return wildcard ? "wildcard" : null;
}

/** The ipaddr.js range of an address ("unicast", "private", "loopback", …); IPv4-mapped IPv6 counts as its IPv4. */
export function addressRange(address: string): string {
  return ipaddr.process(address).range();
}

/**
 * Checks that `url` may be fetched and returns the address to connect to
 * (the first of `addresses`, the ones the name resolved to).
 * - only http: and https:, no credentials in the URL;
 * - the host must match `allowlist`;
 * - every resolved address must be public unicast, unless the host is
 *   listed exactly (an explicit entry allows a private host on purpose).
 * @throws Error saying which rule refused the URL.
 */
export function checkTarget(url: URL, allowlist: string[], addresses: ResolvedAddress[]): ResolvedAddress {
  assertAllowed(url, allowlist);
  const host = canonicalHost(url.hostname);
  if (addresses.length === 0) throw new Error(`host "${host}" has no address`);
  if (matchAllowlist(host, allowlist) !== "exact") {
    for (const { address } of addresses) {
      const range = addressRange(address);
      if (range !== "unicast") {
        throw new Error(`host "${host}" resolves to ${address} (${range}), not a public address; list "${host}" itself in TOOL_HTTP_ALLOWLIST to allow it`);
      }
    }
  }
  return addresses[0];
}

/**
 * The checks that need no DNS answer: scheme, credentials, allowlist.
 * @throws Error saying which rule refused the URL.
 */
export function assertAllowed(url: URL, allowlist: string[]): void {
  if (url.protocol !== "http:" && url.protocol !== "https:") throw new Error(`only http and https URLs can be fetched, not ${url.protocol}`);
  if (url.username || url.password) throw new Error("URLs with a user name or password are not fetched");
  if (allowlist.length === 0) throw new Error("http_get is disabled: TOOL_HTTP_ALLOWLIST is empty, so no host may be fetched");
  const host = canonicalHost(url.hostname);
  if (!matchAllowlist(host, allowlist)) throw new Error(`host "${host}" is not in TOOL_HTTP_ALLOWLIST (${allowlist.join(", ")})`);
}

/** The address when `host` (brackets allowed) is an IP address literal (nothing to resolve), else null. */
export function ipLiteral(host: string): ResolvedAddress | null {
  const bare = host.replace(/^\[(.*)\]$/, "$1");
  if (!ipaddr.isValid(bare)) return null;
  const parsed = ipaddr.parse(bare);
  return { address: parsed.toString(), family: parsed.kind() === "ipv4" ? 4 : 6 };
}
