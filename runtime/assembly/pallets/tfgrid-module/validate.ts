// Input rules for TF-Grid names, links and addresses (TF-Chain's character sets).

function allBytes(input: Uint8Array, ok: (c: u8) => bool): bool {
  for (let i = 0; i < input.length; i++) if (!ok(input[i])) return false;
  return true;
}

function isAlnum(c: u8): bool {
  return (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a);
}

/** Farm names and document hashes: letters, digits, `-`, `_`. */
export function isNameLike(input: Uint8Array): bool {
  return allBytes(input, (c: u8): bool => isAlnum(c) || c == 0x2d || c == 0x5f);
}

/** Document links: the characters a URL may contain (RFC 3986 unreserved and reserved). */
export function isUrlLike(input: Uint8Array): bool {
  return allBytes(input, (c: u8): bool => {
    if (isAlnum(c)) return true;
    const allowed = "-._~:/?#[]@!$&'()*+,;=";
    for (let i = 0; i < allowed.length; i++) if (<u8>allowed.charCodeAt(i) == c) return true;
    return false;
  });
}

/**
 * TF-Chain's validate_relay_address: letters, digits, `-`, `_` and dots, not empty, no
 * trailing dot, no dot first or right after another. As there, a dot at index 1 counts as
 * "right after" the start, so a one-character first label (`a.io`) is refused.
 */
export function isRelayAddress(input: Uint8Array): bool {
  if (input.length == 0 || input[input.length - 1] == 0x2e) return false;
  let prev = 0;
  for (let i = 0; i < input.length; i++) {
    const c = input[i];
    if (c == 0x2e) {
      if (i == 0 || i - prev == 1) return false;
      prev = i;
    } else if (!isAlnum(c) && c != 0x2d && c != 0x5f) return false;
  }
  return true;
}
