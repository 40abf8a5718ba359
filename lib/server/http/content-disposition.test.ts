// Download file names in Content-Disposition: no header injection, no paths, non-ASCII via filename*.
import { describe, expect, it } from "vitest";
import { contentDisposition } from "./content-disposition";

describe("contentDisposition", () => {
  it("plain names pass unchanged", () => {
    expect(contentDisposition("plan-summary.md")).toBe(`attachment; filename="plan-summary.md"; filename*=UTF-8''plan-summary.md`);
    expect(contentDisposition("notes.txt", "inline")).toBe(`inline; filename="notes.txt"; filename*=UTF-8''notes.txt`);
  });

  it("quotes, backslashes, semicolons and percent signs cannot break out of the quoted fallback", () => {
    expect(contentDisposition(`a"; filename="evil.html`)).toBe(
      `attachment; filename="a__ filename=_evil.html"; filename*=UTF-8''a%22%3B%20filename%3D%22evil.html`,
    );
    expect(contentDisposition("50%.md")).toBe(`attachment; filename="50_.md"; filename*=UTF-8''50%25.md`);
  });

  it("CR/LF and other control or bidi characters are removed (no header injection, no spoofed extension)", () => {
    const header = contentDisposition("x\r\nSet-Cookie: a=b\u0000\u202Egpj.exe");
    for (const c of ["\r", "\n", "\u0000", "\u202E"]) expect(header).not.toContain(c);
    expect(header).toBe(`attachment; filename="xSet-Cookie: a=bgpj.exe"; filename*=UTF-8''xSet-Cookie%3A%20a%3Dbgpj.exe`);
  });

  it("path separators and leading dots cannot reach a folder or a hidden file", () => {
    expect(contentDisposition("../../etc/passwd")).toBe(`attachment; filename="_.._etc_passwd"; filename*=UTF-8''_.._etc_passwd`);
    expect(contentDisposition("..\\win.ini")).toBe(`attachment; filename="_win.ini"; filename*=UTF-8''_win.ini`);
    expect(contentDisposition(".env")).toBe(`attachment; filename="env"; filename*=UTF-8''env`);
  });

  it("non-ASCII names go in filename* (RFC 8187) with an ASCII fallback; RFC 8187 specials are encoded", () => {
    expect(contentDisposition("婚礼计划 (v2)*.md")).toBe(
      `attachment; filename="____ (v2)*.md"; filename*=UTF-8''%E5%A9%9A%E7%A4%BC%E8%AE%A1%E5%88%92%20%28v2%29%2A.md`,
    );
    expect(contentDisposition("it's.md")).toBe(`attachment; filename="it's.md"; filename*=UTF-8''it%27s.md`);
  });

  it("HTML payloads stay inert text in the header; empty names become download; long names are cut", () => {
    expect(contentDisposition(`"><svg onload=alert(1)>.md`)).toBe(
      `attachment; filename="_><svg onload=alert(1)>.md"; filename*=UTF-8''%22%3E%3Csvg%20onload%3Dalert%281%29%3E.md`,
    );
    expect(contentDisposition("\r\n")).toBe(`attachment; filename="download"; filename*=UTF-8''download`);
    expect(contentDisposition("a".repeat(500))).toBe(`attachment; filename="${"a".repeat(120)}"; filename*=UTF-8''${"a".repeat(120)}`);
  });
});
