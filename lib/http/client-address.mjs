// Who is the client? Decided once per request by scripts/server.mjs (the socket address, or
// X-Forwarded-For only when the socket's peer is a configured trusted proxy) and read by the
// app from one internal header. Plain ESM without dependencies, so the server script, the app
// and the tests share this one implementation.
import net from "node:net";

/** The internal header carrying the client address; always overwritten by the server. */
export const CLIENT_IP_HEADER = "x-client-ip";

/** Dropped unless the peer is a trusted proxy, so that neither Next nor Auth.js sees client claims. */
export const FORWARDING_HEADERS = ["x-forwarded-for", "x-forwarded-host", "x-forwarded-proto", "x-forwarded-port", "x-real-ip", "forwarded"];

const IPV4_BITS = 32;
const IPV6_BITS = 128;
const MAPPED_PREFIX = 0xffffn << 32n; // ::ffff:0:0/96
const MAX_ADDRESS_LENGTH = 100;

function ipv4ToBigInt(text) {
  return text.split(".").reduce((value, octet) => (value << 8n) | BigInt(Number(octet)), 0n);
}

function ipv6ToBigInt(text) {
  let hex = text;
  const dotted = hex.lastIndexOf(":") < hex.lastIndexOf(".");
  if (dotted) {
    const cut = hex.lastIndexOf(":") + 1;
    const v4 = ipv4ToBigInt(hex.slice(cut));
    hex = `${hex.slice(0, cut)}${(v4 >> 16n).toString(16)}:${(v4 & 0xffffn).toString(16)}`;
  }
  const [left, right] = hex.includes("::") ? hex.split("::") : [hex, undefined];
  const head = left ? left.split(":") : [];
  const tail = right === undefined ? [] : right ? right.split(":") : [];
  const groups = right === undefined ? head : [...head, ...Array(8 - head.length - tail.length).fill("0"), ...tail];
  return groups.reduce((value, group) => (value << 16n) | BigInt(Number.parseInt(group, 16)), 0n);
}

/** `{ version, value }` for a bare address (IPv4-mapped IPv6 becomes IPv4), or null. */
function parseBareIp(text) {
  const version = net.isIP(text);
  if (version === 4) return { version: 4, value: ipv4ToBigInt(text) };
  if (version !== 6) return null;
  const value = ipv6ToBigInt(text);
  if (value >> 32n === MAPPED_PREFIX >> 32n) return { version: 4, value: value & 0xffffffffn };
  return { version: 6, value };
}

function formatIp({ version, value }) {
  if (version === 4) return [24n, 16n, 8n, 0n].map((shift) => String((value >> shift) & 0xffn)).join(".");
  const groups = Array.from({ length: 8 }, (_, index) => (value >> BigInt((7 - index) * 16)) & 0xffffn);
  // RFC 5952: the longest run of two or more zero groups (the first of equals) becomes "::".
  let bestStart = -1;
  let bestLength = 1;
  for (let start = 0; start < 8; start++) {
    let length = 0;
    while (start + length < 8 && groups[start + length] === 0n) length++;
    if (length > bestLength) [bestStart, bestLength] = [start, length];
  }
  const hex = groups.map((group) => group.toString(16));
  if (bestStart < 0) return hex.join(":");
  return `${hex.slice(0, bestStart).join(":")}::${hex.slice(bestStart + bestLength).join(":")}`;
}

/**
 * Reads one address as proxies and sockets write it: bare IPv4 or IPv6, `[v6]`, `[v6]:port`,
 * `v4:port`, an IPv6 zone (`%eth0`, dropped). Returns `{ version, value }` or null.
 */
function parseIp(input) {
  if (typeof input !== "string") return null;
  let text = input.trim();
  if (!text || text.length > MAX_ADDRESS_LENGTH) return null;
  const bracketed = text.match(/^\[([^\]]+)\](?::(\d{1,5}))?$/);
  if (bracketed) {
    if (net.isIP(bracketed[1].split("%")[0]) !== 6 || (bracketed[2] && Number(bracketed[2]) > 65535)) return null;
    text = bracketed[1];
  } else {
    const withPort = text.match(/^(\d{1,3}(?:\.\d{1,3}){3}):(\d{1,5})$/);
    if (withPort) {
      if (Number(withPort[2]) > 65535) return null;
      text = withPort[1];
    }
  }
  const zone = text.indexOf("%");
  if (zone >= 0) text = text.slice(0, zone);
  return parseBareIp(text);
}

/** The canonical text of an address (IPv4 dotted; IPv6 lower-case, RFC 5952), or null. */
export function normalizeIp(input) {
  const parsed = parseIp(input);
  return parsed ? formatIp(parsed) : null;
}

/**
 * Parses TRUSTED_PROXIES: comma-separated addresses and CIDR ranges, IPv4 or IPv6. Empty means
 * "no proxy": the socket address is the client. Throws a Chinese message naming a bad entry.
 */
export function parseTrustedProxies(text) {
  const proxies = [];
  for (const raw of String(text ?? "").split(",")) {
    const entry = raw.trim();
    if (!entry) continue;
    const refuse = () => new Error(`TRUSTED_PROXIES 中的“${entry}”不是 IP 地址或网段（如 10.0.0.0/8、2001:db8::/32）`);
    const [address, prefixText, extra] = entry.split("/");
    if (extra !== undefined || address.includes("[")) throw refuse();
    const parsed = parseBareIp(address);
    if (!parsed) throw refuse();
    const mapped = parsed.version === 4 && net.isIP(address) === 6;
    const fullBits = mapped ? IPV6_BITS : parsed.version === 4 ? IPV4_BITS : IPV6_BITS;
    let prefix = fullBits;
    if (prefixText !== undefined) {
      if (!/^(0|[1-9]\d{0,2})$/.test(prefixText) || Number(prefixText) > fullBits) throw refuse();
      prefix = Number(prefixText);
    }
    if (mapped) {
      // ::ffff:a.b.c.d/n written for an IPv4 range; below /96 it is an IPv6 range.
      if (prefix >= 96) proxies.push(network(4, parsed.value, prefix - 96));
      else proxies.push(network(6, ipv6ToBigInt(address), prefix));
    } else {
      proxies.push(network(parsed.version, parsed.value, prefix));
    }
  }
  return Object.freeze(proxies);
}

function network(version, value, prefix) {
  const bits = version === 4 ? IPV4_BITS : IPV6_BITS;
  const hostBits = BigInt(bits - prefix);
  return Object.freeze({ version, prefix, value: (value >> hostBits) << hostBits });
}

function inNetwork(parsed, range) {
  if (parsed.version !== range.version) return false;
  const hostBits = BigInt((range.version === 4 ? IPV4_BITS : IPV6_BITS) - range.prefix);
  return (parsed.value >> hostBits) << hostBits === range.value;
}

export function isTrustedAddress(address, trustedProxies) {
  const parsed = parseIp(address);
  return Boolean(parsed) && trustedProxies.some((range) => inNetwork(parsed, range));
}

/**
 * The client of one request. The socket's peer is the client unless it is a trusted proxy; then
 * X-Forwarded-For is read right to left, skipping trusted proxies, and the first address that is
 * not one is the client. An unreadable hop stops the walk at the last address vouched for.
 */
export function resolveClientAddress({ remoteAddress, forwardedFor, trustedProxies }) {
  const peer = parseIp(remoteAddress);
  if (!peer) return { address: "unknown", peerTrusted: false };
  const isTrusted = (parsed) => trustedProxies.some((range) => inNetwork(parsed, range));
  if (!isTrusted(peer)) return { address: formatIp(peer), peerTrusted: false };

  const header = Array.isArray(forwardedFor) ? forwardedFor.join(",") : typeof forwardedFor === "string" ? forwardedFor : "";
  const hops = header
    .split(",")
    .map((hop) => hop.trim())
    .filter(Boolean);
  let client = peer;
  for (let index = hops.length - 1; index >= 0; index--) {
    const hop = parseIp(hops[index]);
    if (!hop) break;
    client = hop;
    if (!isTrusted(hop)) break;
  }
  return { address: formatIp(client), peerTrusted: true };
}

/** Sets the internal header on a Node request and drops forwarding headers an untrusted peer sent. */
export function applyClientAddress(request, trustedProxies) {
  const { address, peerTrusted } = resolveClientAddress({
    remoteAddress: request.socket?.remoteAddress,
    forwardedFor: request.headers["x-forwarded-for"],
    trustedProxies,
  });
  if (!peerTrusted) for (const name of FORWARDING_HEADERS) delete request.headers[name];
  request.headers[CLIENT_IP_HEADER] = address;
}

/**
 * The key sign-in limits count by: an IPv4 address itself, an IPv6 address's /64 (one
 * subscriber's network, whose addresses are free to rotate). Unreadable text is kept as is.
 */
export function throttleNetwork(address) {
  const parsed = parseIp(address);
  if (!parsed) return String(address);
  if (parsed.version === 4) return formatIp(parsed);
  return `${formatIp({ version: 6, value: (parsed.value >> 64n) << 64n })}/64`;
}
