import http from "node:http";
import type { AddressInfo } from "node:net";
import { describe, expect, it } from "vitest";
import {
  CLIENT_IP_HEADER,
  applyClientAddress,
  isTrustedAddress,
  normalizeIp,
  parseTrustedProxies,
  resolveClientAddress,
  throttleNetwork,
} from "@/lib/http/client-address.mjs";

const NONE = parseTrustedProxies("");

describe("normalizeIp", () => {
  it.each([
    ["203.0.113.7", "203.0.113.7"],
    [" 203.0.113.7 ", "203.0.113.7"],
    ["0.0.0.0", "0.0.0.0"],
    ["::ffff:203.0.113.7", "203.0.113.7"],
    ["::FFFF:cb00:7107", "203.0.113.7"],
    ["2001:DB8:0:0:0:0:0:1", "2001:db8::1"],
    ["2001:0db8:0000:0001:0000:0000:0000:0001", "2001:db8:0:1::1"],
    ["2001:db8:0:0:1:0:0:1", "2001:db8::1:0:0:1"],
    ["2001:db8:0:1:1:1:1:1", "2001:db8:0:1:1:1:1:1"],
    ["::", "::"],
    ["::1", "::1"],
    ["1::", "1::"],
    ["fe80::1%eth0", "fe80::1"],
    ["[2001:db8::1]", "2001:db8::1"],
    ["[2001:db8::1]:443", "2001:db8::1"],
    ["203.0.113.7:8080", "203.0.113.7"],
    ["64:ff9b::192.0.2.33", "64:ff9b::c000:221"],
  ])("%j → %j", (input, expected) => {
    expect(normalizeIp(input)).toBe(expected);
  });

  it.each([
    [""],
    ["unknown"],
    ["1.2.3"],
    ["999.1.1.1"],
    ["010.1.1.1"],
    ["1.2.3.4, 5.6.7.8"],
    ["<script>"],
    ["::1::2"],
    ["a".repeat(1000)],
    ["1.2.3.4:99999"],
    ["[1.2.3.4]"],
    ["_"],
  ])("garbage %j → null", (input) => {
    expect(normalizeIp(input)).toBeNull();
  });

  it("refuses what is not a string", () => {
    expect(normalizeIp(undefined)).toBeNull();
    expect(normalizeIp(null)).toBeNull();
    expect(normalizeIp(["1.2.3.4"])).toBeNull();
    expect(normalizeIp(16909060)).toBeNull();
  });
});

describe("parseTrustedProxies", () => {
  it("an empty setting trusts nobody, not even loopback", () => {
    for (const text of ["", " ", " , ", undefined]) {
      const proxies = parseTrustedProxies(text);
      expect(isTrustedAddress("127.0.0.1", proxies)).toBe(false);
      expect(isTrustedAddress("::1", proxies)).toBe(false);
    }
  });

  it("matches single addresses and CIDR ranges, IPv4 and IPv6", () => {
    const proxies = parseTrustedProxies(" 10.0.0.0/8, 192.168.1.10 ,2001:db8::/32,::1 ");
    expect(isTrustedAddress("10.255.1.2", proxies)).toBe(true);
    expect(isTrustedAddress("11.0.0.1", proxies)).toBe(false);
    expect(isTrustedAddress("192.168.1.10", proxies)).toBe(true);
    expect(isTrustedAddress("192.168.1.11", proxies)).toBe(false);
    expect(isTrustedAddress("2001:db8:ffff::1", proxies)).toBe(true);
    expect(isTrustedAddress("2001:db9::1", proxies)).toBe(false);
    expect(isTrustedAddress("::1", proxies)).toBe(true);
    expect(isTrustedAddress("::2", proxies)).toBe(false);
    expect(isTrustedAddress("garbage", proxies)).toBe(false);
  });

  it("normalises IPv4-mapped IPv6 on both sides", () => {
    expect(isTrustedAddress("::ffff:10.1.2.3", parseTrustedProxies("10.0.0.0/8"))).toBe(true);
    expect(isTrustedAddress("10.1.2.3", parseTrustedProxies("::ffff:10.0.0.0/104"))).toBe(true);
    expect(isTrustedAddress("11.1.2.3", parseTrustedProxies("::ffff:10.0.0.0/104"))).toBe(false);
    expect(isTrustedAddress("::ffff:127.0.0.1", parseTrustedProxies("127.0.0.1"))).toBe(true);
  });

  it("an IPv4 range never matches an IPv6 address and vice versa", () => {
    expect(isTrustedAddress("::", parseTrustedProxies("0.0.0.0/0"))).toBe(false);
    expect(isTrustedAddress("1.2.3.4", parseTrustedProxies("::/0"))).toBe(false);
  });

  it("host bits after the prefix are ignored", () => {
    expect(isTrustedAddress("10.200.0.1", parseTrustedProxies("10.1.2.3/8"))).toBe(true);
  });

  it.each([
    ["10.0.0.0/33"],
    ["2001:db8::/129"],
    ["foo"],
    ["10.0.0.0/"],
    ["10.0.0.0/8/9"],
    ["1.2.3.4/-1"],
    ["10.0.0.0/08"],
    ["10.0.0.0/ 8"],
    ["*"],
    ["localhost"],
  ])("refuses %j with a Chinese message naming it", (entry) => {
    expect(() => parseTrustedProxies(`127.0.0.1,${entry}`)).toThrow(`TRUSTED_PROXIES 中的“${entry.trim()}”`);
  });
});

describe("resolveClientAddress", () => {
  const proxies = parseTrustedProxies("10.0.0.0/8,172.16.0.0/12,::1");

  it("without TRUSTED_PROXIES the socket address is the client, whatever X-Forwarded-For claims", () => {
    expect(resolveClientAddress({ remoteAddress: "203.0.113.7", forwardedFor: "1.1.1.1", trustedProxies: NONE })).toEqual({
      address: "203.0.113.7",
      peerTrusted: false,
    });
    expect(resolveClientAddress({ remoteAddress: "127.0.0.1", forwardedFor: "1.1.1.1", trustedProxies: NONE })).toEqual({
      address: "127.0.0.1",
      peerTrusted: false,
    });
  });

  it("a spoofed X-Forwarded-For from a peer that is not a trusted proxy is ignored", () => {
    expect(resolveClientAddress({ remoteAddress: "198.51.100.9", forwardedFor: "10.0.0.1, 6.6.6.6", trustedProxies: proxies })).toEqual({
      address: "198.51.100.9",
      peerTrusted: false,
    });
  });

  it("behind one trusted proxy the address it appended is the client, not what the client prepended", () => {
    expect(resolveClientAddress({ remoteAddress: "10.0.0.2", forwardedFor: "198.51.100.4", trustedProxies: proxies }).address).toBe("198.51.100.4");
    expect(resolveClientAddress({ remoteAddress: "10.0.0.2", forwardedFor: "6.6.6.6, 198.51.100.4", trustedProxies: proxies }).address).toBe("198.51.100.4");
  });

  it("walks a chain of trusted proxies right to left", () => {
    const resolved = resolveClientAddress({
      remoteAddress: "::ffff:10.0.0.2",
      forwardedFor: "6.6.6.6, 198.51.100.4, 172.16.0.9,10.3.3.3",
      trustedProxies: proxies,
    });
    expect(resolved).toEqual({ address: "198.51.100.4", peerTrusted: true });
    // Repeated headers arrive as one comma-joined string or as an array.
    expect(resolveClientAddress({ remoteAddress: "10.0.0.2", forwardedFor: ["6.6.6.6, 198.51.100.4", "172.16.0.9"], trustedProxies: proxies }).address).toBe(
      "198.51.100.4",
    );
  });

  it("when every hop is a trusted proxy, the furthest one is the best known client", () => {
    expect(resolveClientAddress({ remoteAddress: "10.0.0.2", forwardedFor: "10.0.0.5, 10.0.0.6", trustedProxies: proxies }).address).toBe("10.0.0.5");
    expect(resolveClientAddress({ remoteAddress: "10.0.0.2", forwardedFor: undefined, trustedProxies: proxies }).address).toBe("10.0.0.2");
    expect(resolveClientAddress({ remoteAddress: "10.0.0.2", forwardedFor: " , ", trustedProxies: proxies }).address).toBe("10.0.0.2");
  });

  it("stops at a hop it cannot read and keeps the last address it could vouch for", () => {
    expect(resolveClientAddress({ remoteAddress: "10.0.0.2", forwardedFor: "198.51.100.4, unknown", trustedProxies: proxies }).address).toBe("10.0.0.2");
    expect(resolveClientAddress({ remoteAddress: "10.0.0.2", forwardedFor: "<x>, 198.51.100.4", trustedProxies: proxies }).address).toBe("198.51.100.4");
    expect(resolveClientAddress({ remoteAddress: "10.0.0.2", forwardedFor: "198.51.100.4, 172.16.0.9, 1.2.3", trustedProxies: proxies }).address).toBe(
      "10.0.0.2",
    );
  });

  it("IPv6 clients and proxies", () => {
    expect(resolveClientAddress({ remoteAddress: "::1", forwardedFor: "[2001:DB8::5]:51234", trustedProxies: proxies }).address).toBe("2001:db8::5");
    expect(resolveClientAddress({ remoteAddress: "2001:db8::7", forwardedFor: "1.1.1.1", trustedProxies: proxies }).address).toBe("2001:db8::7");
  });

  it("a missing or unreadable socket address is 'unknown' and never trusted", () => {
    expect(resolveClientAddress({ remoteAddress: undefined, forwardedFor: "1.1.1.1", trustedProxies: parseTrustedProxies("0.0.0.0/0") })).toEqual({
      address: "unknown",
      peerTrusted: false,
    });
  });
});

describe("applyClientAddress", () => {
  const forged = () => ({
    "x-forwarded-for": "6.6.6.6",
    "x-forwarded-host": "evil.example",
    "x-forwarded-proto": "https",
    "x-forwarded-port": "443",
    "x-real-ip": "6.6.6.6",
    forwarded: "for=6.6.6.6;host=evil.example",
    [CLIENT_IP_HEADER]: "6.6.6.6",
    host: "casework.example",
  });

  it("from an untrusted peer: drops every forwarding header and overwrites the internal one", () => {
    const request: { socket: { remoteAddress: string }; headers: Record<string, string | string[] | undefined> } = {
      socket: { remoteAddress: "203.0.113.7" },
      headers: forged(),
    };
    applyClientAddress(request, parseTrustedProxies("10.0.0.0/8"));
    expect(request.headers).toEqual({ host: "casework.example", [CLIENT_IP_HEADER]: "203.0.113.7" });
  });

  it("from a trusted proxy: keeps its forwarding headers and takes the client from X-Forwarded-For", () => {
    const request: { socket: { remoteAddress: string }; headers: Record<string, string | string[] | undefined> } = {
      socket: { remoteAddress: "10.0.0.2" },
      headers: { ...forged(), "x-forwarded-for": "6.6.6.6, 198.51.100.4" },
    };
    applyClientAddress(request, parseTrustedProxies("10.0.0.0/8"));
    expect(request.headers[CLIENT_IP_HEADER]).toBe("198.51.100.4");
    expect(request.headers["x-forwarded-host"]).toBe("evil.example");
    expect(request.headers["x-forwarded-for"]).toBe("6.6.6.6, 198.51.100.4");
  });

  it("over a real socket, a forged header reaches the handler as the socket address", async () => {
    const trusted = parseTrustedProxies("");
    const server = http.createServer((request, response) => {
      applyClientAddress(request, trusted);
      response.setHeader("content-type", "application/json");
      response.end(JSON.stringify(request.headers));
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    try {
      const { port } = server.address() as AddressInfo;
      const response = await fetch(`http://127.0.0.1:${port}/`, {
        headers: { "X-Forwarded-For": "6.6.6.6", "X-Client-IP": "6.6.6.6", "X-Forwarded-Host": "evil.example" },
      });
      const seen = (await response.json()) as Record<string, string>;
      expect(seen[CLIENT_IP_HEADER]).toBe("127.0.0.1");
      expect(seen["x-forwarded-for"]).toBeUndefined();
      expect(seen["x-forwarded-host"]).toBeUndefined();
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });
});

describe("throttleNetwork", () => {
  it("an IPv4 address is its own network; IPv6 counts per /64", () => {
    expect(throttleNetwork("203.0.113.7")).toBe("203.0.113.7");
    expect(throttleNetwork("2001:db8:1:2:3:4:5:6")).toBe("2001:db8:1:2::/64");
    expect(throttleNetwork("2001:db8:1:2::9")).toBe("2001:db8:1:2::/64");
    expect(throttleNetwork("2001:DB8:1:2::9")).toBe("2001:db8:1:2::/64");
    expect(throttleNetwork("::1")).toBe("::/64");
    expect(throttleNetwork("::ffff:203.0.113.7")).toBe("203.0.113.7");
  });

  it("anything unreadable keeps its text (all such requests share one counter)", () => {
    expect(throttleNetwork("unknown")).toBe("unknown");
  });
});
