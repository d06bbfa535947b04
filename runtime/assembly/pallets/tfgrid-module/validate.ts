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

/** A relay is a domain name: dot-separated labels of letters, digits and inner hyphens. */
export function isDomain(input: Uint8Array): bool {
  if (input.length == 0 || input.length > 253) return false;
  let labelStart = 0;
  for (let i = 0; i <= input.length; i++) {
    if (i == input.length || input[i] == 0x2e) {
      const len = i - labelStart;
      if (len < 1 || len > 63) return false;
      if (input[labelStart] == 0x2d || input[i - 1] == 0x2d) return false;
      labelStart = i + 1;
    } else if (!isAlnum(input[i]) && input[i] != 0x2d) return false;
  }
  return true;
}
