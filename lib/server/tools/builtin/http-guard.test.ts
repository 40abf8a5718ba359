// The allowlist and address rules of `http_get`, case by case.
import { describe, expect, it } from "vitest";
import { addressRange, checkTarget, matchAllowlist, parseAllowlist } from "./http-guard";

describe("parseAllowlist", () => {
  it("splits on commas and whitespace and writes entries in canonical form", () => {
    expect(parseAllowlist(" API.Example.org, *.data.example.org\n[::1]  127.0.0.1,,bücher.example. ")).toEqual([
      "api.example.org",
      "*.data.example.org",
      "::1",
      "127.0.0.1",
      "xn--bcher-kva.example",
    ]);
    expect(parseAllowlist("")).toEqual([]);
    expect(parseAllowlist(" , ")).toEqual([]);
  });
});

describe("matchAllowlist", () => {
  const list = parseAllowlist("api.example.org *.data.example.org ::1 bücher.example");

  it("matches exact hosts and subdomains of wildcards only", () => {
    expect(matchAllowlist("api.example.org", list)).toBe("exact");
    expect(matchAllowlist("API.example.org.", list)).toBe("exact");
    expect(matchAllowlist("[::1]", list)).toBe("exact");
    expect(matchAllowlist("xn--bcher-kva.example", list)).toBe("exact");
    expect(matchAllowlist("eu.data.example.org", list)).toBe("wildcard");
    expect(matchAllowlist("a.b.data.example.org", list)).toBe("wildcard");
    expect(matchAllowlist("data.example.org", list)).toBeNull();
    expect(matchAllowlist("evildata.example.org", list)).toBeNull();
    expect(matchAllowlist("api.example.org.evil.test", list)).toBeNull();
    expect(matchAllowlist("example.org", list)).toBeNull();
  });
});

describe("addressRange", () => {
  it.each([
    ["11.22.33.44", "unicast"],
    ["2a00::1", "unicast"],
    ["127.0.0.1", "loopback"],
    ["::1", "loopback"],
    ["10.1.2.3", "private"],
    ["192.168.0.1", "private"],
    ["169.254.169.254", "linkLocal"],
    ["fe80::1", "linkLocal"],
    ["fd12:3456::1", "uniqueLocal"],
    ["224.0.0.251", "multicast"],
    ["ff02::1", "multicast"],
    ["0.0.0.0", "unspecified"],
    ["::", "unspecified"],
    ["::ffff:10.0.0.1", "private"],
  ])("%s is %s", (address, range) => {
    expect(addressRange(address)).toBe(range);
  });
});

describe("checkTarget", () => {
  const url = (href: string) => new URL(href);

  it("refuses a non-public address behind a wildcard and allows it for an exact entry", () => {
    expect(() => checkTarget(url("http://db.corp.test/"), parseAllowlist("*.corp.test"), [{ address: "fd00::5", family: 6 }])).toThrow(
      'host "db.corp.test" resolves to fd00::5 (uniqueLocal), not a public address',
    );
    expect(checkTarget(url("http://db.corp.test/"), parseAllowlist("db.corp.test"), [{ address: "fd00::5", family: 6 }])).toEqual({ address: "fd00::5", family: 6 });
  });

  it("refuses when any one of several addresses is not public", () => {
    const addresses = [
      { address: "11.22.33.44", family: 4 },
      { address: "169.254.169.254", family: 4 },
    ];
    expect(() => checkTarget(url("https://x.example.org/"), parseAllowlist("*.example.org"), addresses)).toThrow("resolves to 169.254.169.254 (linkLocal)");
    expect(checkTarget(url("https://x.example.org/"), parseAllowlist("*.example.org"), addresses.slice(0, 1))).toEqual(addresses[0]);
  });
});
