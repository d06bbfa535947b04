// The origin of a dispatch, as FRAME's RawOrigin: root, a signed account, or none.
export class Origin {
  static readonly ROOT: u8 = 0;
  static readonly SIGNED: u8 = 1;
  static readonly NONE: u8 = 2;
  constructor(public kind: u8, public who: Uint8Array = new Uint8Array(32)) {}
  static root(): Origin { return new Origin(Origin.ROOT); }
  static signed(who: Uint8Array): Origin { return new Origin(Origin.SIGNED, who); }
  static none(): Origin { return new Origin(Origin.NONE); }
  isRoot(): bool { return this.kind == Origin.ROOT; }
  isSigned(): bool { return this.kind == Origin.SIGNED; }
}
