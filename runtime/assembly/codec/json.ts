// A small JSON reader for the genesis config (GenesisBuilder_build_state). It never
// traps: malformed input leaves `error` set. Numbers keep their text so that u128
// amounts survive (JSON numbers are often parsed as f64 elsewhere).
import { U128 } from "./u128";

export class Json {
  static readonly NULL: u8 = 0;
  static readonly BOOL: u8 = 1;
  static readonly NUMBER: u8 = 2;
  static readonly STRING: u8 = 3;
  static readonly ARRAY: u8 = 4;
  static readonly OBJECT: u8 = 5;
  kind: u8 = Json.NULL;
  /** String value, or a number's text. */
  text: string = "";
  flag: bool = false;
  items: Array<Json> = new Array<Json>(0);
  keys: Array<string> = new Array<string>(0);

  /** An object member, or null. */
  get(key: string): Json | null {
    for (let i = 0; i < this.keys.length; i++) if (this.keys[i] == key) return this.items[i];
    return null;
  }
}

const MAX_DEPTH = 32;

export class JsonReader {
  private pos: i32 = 0;
  error: string | null = null;
  constructor(private readonly src: string) {}

  /** The whole document, or null with `error` set. */
  read(): Json | null {
    const v = this.value(0);
    this.space();
    if (this.error === null && this.pos != this.src.length) this.fail("trailing characters");
    return this.error === null ? v : null;
  }

  private fail(msg: string): Json {
    if (this.error === null) this.error = msg + " at offset " + this.pos.toString();
    return new Json();
  }

  private space(): void {
    while (this.pos < this.src.length) {
      const c = this.src.charCodeAt(this.pos);
      if (c != 0x20 && c != 0x09 && c != 0x0a && c != 0x0d) break;
      this.pos++;
    }
  }

  private literal(word: string): bool {
    if (this.src.substr(this.pos, word.length) != word) return false;
    this.pos += word.length;
    return true;
  }

  private value(depth: i32): Json {
    if (depth > MAX_DEPTH) return this.fail("nesting too deep");
    this.space();
    if (this.pos >= this.src.length) return this.fail("unexpected end");
    const c = this.src.charCodeAt(this.pos);
    const v = new Json();
    if (c == 0x7b) return this.object(depth);
    if (c == 0x5b) return this.array(depth);
    if (c == 0x22) { v.kind = Json.STRING; v.text = this.string(); return v; }
    if (this.literal("true")) { v.kind = Json.BOOL; v.flag = true; return v; }
    if (this.literal("false")) { v.kind = Json.BOOL; return v; }
    if (this.literal("null")) return v;
    if (c == 0x2d || (c >= 0x30 && c <= 0x39)) { v.kind = Json.NUMBER; v.text = this.number(); return v; }
    return this.fail("unexpected character");
  }

  private number(): string {
    const start = this.pos;
    if (this.src.charCodeAt(this.pos) == 0x2d) this.pos++;
    while (this.pos < this.src.length) {
      const c = this.src.charCodeAt(this.pos);
      if ((c >= 0x30 && c <= 0x39) || c == 0x2e || c == 0x65 || c == 0x45 || c == 0x2b || c == 0x2d) this.pos++;
      else break;
    }
    return this.src.substring(start, this.pos);
  }

  private string(): string {
    this.pos++; // opening quote
    let out = "";
    while (this.pos < this.src.length) {
      const c = this.src.charCodeAt(this.pos++);
      if (c == 0x22) return out;
      if (c != 0x5c) { out += String.fromCharCode(c); continue; }
      if (this.pos >= this.src.length) break;
      const e = this.src.charCodeAt(this.pos++);
      if (e == 0x6e) out += "\n";
      else if (e == 0x74) out += "\t";
      else if (e == 0x72) out += "\r";
      else if (e == 0x62) out += "\b";
      else if (e == 0x66) out += "\f";
      else if (e == 0x75) {
        let code = 0;
        for (let k = 0; k < 4; k++) {
          const d = hexDigit(this.pos < this.src.length ? this.src.charCodeAt(this.pos++) : -1);
          if (d < 0) { this.fail("bad \\u escape"); return out; }
          code = code * 16 + d;
        }
        out += String.fromCharCode(code);
      } else out += String.fromCharCode(e); // \" \\ \/
    }
    this.fail("unterminated string");
    return out;
  }

  private array(depth: i32): Json {
    const v = new Json();
    v.kind = Json.ARRAY;
    this.pos++;
    this.space();
    if (this.src.charCodeAt(this.pos) == 0x5d) { this.pos++; return v; }
    while (this.error === null) {
      v.items.push(this.value(depth + 1));
      this.space();
      const c = this.src.charCodeAt(this.pos++);
      if (c == 0x5d) return v;
      if (c != 0x2c) return this.fail("expected , or ]");
    }
    return v;
  }

  private object(depth: i32): Json {
    const v = new Json();
    v.kind = Json.OBJECT;
    this.pos++;
    this.space();
    if (this.src.charCodeAt(this.pos) == 0x7d) { this.pos++; return v; }
    while (this.error === null) {
      this.space();
      if (this.src.charCodeAt(this.pos) != 0x22) return this.fail("expected a key");
      v.keys.push(this.string());
      this.space();
      if (this.src.charCodeAt(this.pos++) != 0x3a) return this.fail("expected :");
      v.items.push(this.value(depth + 1));
      this.space();
      const c = this.src.charCodeAt(this.pos++);
      if (c == 0x7d) return v;
      if (c != 0x2c) return this.fail("expected , or }");
    }
    return v;
  }
}

/** A non-negative decimal integer (number or string) as u128, or null. */
export function jsonU128(v: Json | null): U128 | null {
  if (v === null || (v.kind != Json.NUMBER && v.kind != Json.STRING) || v.text.length == 0) return null;
  let acc = U128.zero();
  for (let i = 0; i < v.text.length; i++) {
    const c = v.text.charCodeAt(i);
    if (c < 0x30 || c > 0x39) return null;
    const times10 = acc.checkedMulU64(10);
    if (times10 === null) return null;
    const next = times10.checkedAdd(U128.fromU64(<u64>(c - 0x30)));
    if (next === null) return null;
    acc = next;
  }
  return acc;
}

/** `0x`-prefixed hex of exactly `len` bytes, or null. */
export function jsonHex(v: Json | null, len: i32): Uint8Array | null {
  if (v === null || v.kind != Json.STRING || v.text.length != 2 + 2 * len || !v.text.startsWith("0x")) return null;
  const out = new Uint8Array(len);
  for (let i = 0; i < len; i++) {
    const hi = hexDigit(v.text.charCodeAt(2 + 2 * i));
    const lo = hexDigit(v.text.charCodeAt(3 + 2 * i));
    if (hi < 0 || lo < 0) return null;
    out[i] = <u8>(hi * 16 + lo);
  }
  return out;
}

function hexDigit(c: i32): i32 {
  if (c >= 0x30 && c <= 0x39) return c - 0x30;
  if (c >= 0x61 && c <= 0x66) return c - 0x61 + 10;
  if (c >= 0x41 && c <= 0x46) return c - 0x41 + 10;
  return -1;
}
