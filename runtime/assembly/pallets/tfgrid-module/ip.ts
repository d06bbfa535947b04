// Public addresses as TF-Chain validates them (tfchain_support's IP4/IP6/PublicConfig
// is_valid, over the valip crate's parsers): a farm IP or a node's public config must be a
// public unicast address with a prefix, and a distinct public unicast gateway inside it.

/** An address parsed from text: its bytes (4 or 16) and prefix length (-1 when none was given). */
class Parsed { bytes: Uint8Array = new Uint8Array(0); prefix: i32 = -1; }

function digit(c: u8): i32 { return c >= 0x30 && c <= 0x39 ? <i32>c - 0x30 : -1; }
function hexDigit(c: u8): i32 {
  if (c >= 0x30 && c <= 0x39) return <i32>c - 0x30;
  if (c >= 0x61 && c <= 0x66) return <i32>c - 0x61 + 10;
  if (c >= 0x41 && c <= 0x46) return <i32>c - 0x41 + 10;
  return -1;
}

/** valip's prefix: 1–2 digits, no leading zero, at most `max`; -1 if malformed. */
function parsePrefix(s: Uint8Array, from: i32, max: i32): i32 {
  const n = s.length - from;
  if (n < 1 || n > (max > 99 ? 3 : 2)) return -1;
  if (n > 1 && s[from] == 0x30) return -1;
  let v = 0;
  for (let i = from; i < s.length; i++) {
    const d = digit(s[i]);
    if (d < 0) return -1;
    v = v * 10 + d;
  }
  return v <= max ? v : -1;
}

/**
 * Where the address part of `s` ends: all of it, or with `cidr` the `/` before a valid
 * prefix of at most `max` (stored in `out.prefix`); -1 when a required prefix is missing
 * or malformed.
 */
function addressEnd(s: Uint8Array, cidr: bool, max: i32, out: Parsed): i32 {
  if (!cidr) return s.length;
  let slash = -1;
  for (let i = 0; i < s.length; i++) if (s[i] == 0x2f) { slash = i; break; }
  if (slash < 0) return -1;
  out.prefix = parsePrefix(s, slash + 1, max);
  return out.prefix < 0 ? -1 : slash;
}

/** `a.b.c.d` (7–15 bytes, decimal octets ≤ 255, no leading zeros), with `/m` when `cidr`. */
function parseIPv4(s: Uint8Array, cidr: bool): Parsed | null {
  if (s.length > (cidr ? 18 : 15)) return null;
  const out = new Parsed();
  const end = addressEnd(s, cidr, 32, out);
  if (end < 7) return null;
  const bytes = new Uint8Array(4);
  let octet = 0, value = 0, digits = 0;
  for (let i = 0; i <= end; i++) {
    if (i == end || s[i] == 0x2e) {
      if (digits == 0 || octet > 3) return null;
      bytes[octet++] = <u8>value;
      value = 0;
      digits = 0;
      continue;
    }
    const d = digit(s[i]);
    if (d < 0 || (digits > 0 && value == 0) || digits == 3) return null;
    value = value * 10 + d;
    if (value > 255) return null;
    digits++;
  }
  if (octet != 4) return null;
  out.bytes = bytes;
  return out;
}

/** RFC 4291 text (groups of 1–4 hex digits, one `::`), with `/m` when `cidr`. */
function parseIPv6(s: Uint8Array, cidr: bool): Parsed | null {
  if (s.length > (cidr ? 43 : 39)) return null;
  const out = new Parsed();
  const end = addressEnd(s, cidr, 128, out);
  if (end < 2) return null;
  const groups = new Array<i32>(0);
  let gap = -1; // index in groups where `::` stands
  let i = 0;
  if (s[0] == 0x3a) {
    if (s[1] != 0x3a) return null;
    gap = 0;
    i = 2;
  }
  while (i < end) {
    let v = 0, n = 0;
    while (i < end && hexDigit(s[i]) >= 0) { v = v * 16 + hexDigit(s[i]); n++; i++; }
    if (n == 0 || n > 4) return null;
    groups.push(v);
    if (i == end) break;
    if (s[i] != 0x3a) return null;
    i++;
    if (i < end && s[i] == 0x3a) {
      if (gap >= 0) return null;
      gap = groups.length;
      i++;
    } else if (i == end) return null; // a trailing single colon
  }
  if (groups.length > 8 || (gap < 0 && groups.length != 8) || (gap >= 0 && groups.length > 7)) return null;
  const bytes = new Uint8Array(16);
  const tail = gap < 0 ? 0 : groups.length - gap;
  for (let g = 0; g < groups.length; g++) {
    const at = gap >= 0 && g >= gap ? 8 - tail + (g - gap) : g;
    bytes[at * 2] = <u8>(groups[g] >> 8);
    bytes[at * 2 + 1] = <u8>(groups[g] & 0xff);
  }
  out.bytes = bytes;
  return out;
}

/** Whether `a` and `b` agree on their first `bits` bits. */
function samePrefix(a: Uint8Array, b: Uint8Array, bits: i32): bool {
  for (let i = 0; i < bits; i++) {
    const byte = i >> 3;
    const mask = <u8>(0x80 >> <u8>(i & 7));
    if ((a[byte] & mask) != (b[byte] & mask)) return false;
  }
  return true;
}

function inRange(a: Uint8Array, base: Array<u8>, bits: i32): bool {
  const b = new Uint8Array(a.length);
  for (let i = 0; i < base.length; i++) b[i] = base[i];
  return samePrefix(a, b, bits);
}

function sameBytes(a: Uint8Array, b: Uint8Array): bool {
  if (a.length != b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] != b[i]) return false;
  return true;
}

/** valip's IPv4 is_public: none of the private, shared, loopback, link-local, documentation or benchmark ranges. */
function isPublic4(a: Uint8Array): bool {
  if (a[0] == 0 || a[0] == 10 || a[0] == 127) return false;
  if (inRange(a, [100, 64], 10) || inRange(a, [169, 254], 16) || inRange(a, [172, 16], 12) || inRange(a, [192, 168], 16)) return false;
  if (inRange(a, [192, 0, 2], 24) || inRange(a, [198, 18], 15) || inRange(a, [198, 51, 100], 24) || inRange(a, [203, 0, 113], 24)) return false;
  return !(a[0] == 255 && a[1] == 255 && a[2] == 255 && a[3] == 255);
}

function isPublic6(a: Uint8Array): bool {
  return !(inRange(a, [0x01, 0x00], 64) || inRange(a, [0xfc], 7) || inRange(a, [0xfe, 0x80], 10));
}

/** A farm IP (`a.b.c.d/m`) and its gateway (`a.b.c.d`), as TF-Chain's IP4::is_valid. */
export function validIp4(ip: Uint8Array, gw: Uint8Array): bool {
  const g = parseIPv4(gw, false);
  const p = parseIPv4(ip, true);
  if (g === null || p === null) return false;
  if (sameBytes(p.bytes, g.bytes)) return false;
  if (!isPublic4(g.bytes) || g.bytes[0] >= 224 || !isPublic4(p.bytes) || p.bytes[0] >= 224) return false;
  return samePrefix(p.bytes, g.bytes, p.prefix);
}

/** An IPv6 address with prefix and its gateway, as TF-Chain's IP6::is_valid (a /0 prefix masks nothing away, as valip's). */
export function validIp6(ip: Uint8Array, gw: Uint8Array): bool {
  const g = parseIPv6(gw, false);
  const p = parseIPv6(ip, true);
  if (g === null || p === null) return false;
  if (sameBytes(p.bytes, g.bytes)) return false;
  if (!isPublic6(g.bytes) || g.bytes[0] == 0xff || !isPublic6(p.bytes) || p.bytes[0] == 0xff) return false;
  return samePrefix(p.bytes, g.bytes, p.prefix == 0 ? 128 : p.prefix);
}

/** A public config's domain: letters, digits, `-` and `.` (empty is allowed, as on TF-Chain). */
export function validConfigDomain(domain: Uint8Array): bool {
  for (let i = 0; i < domain.length; i++) {
    const c = domain[i];
    const ok = (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a) || c == 0x2d || c == 0x2e;
    if (!ok) return false;
  }
  return true;
}
