// The origin of a dispatch, as FRAME's RawOrigin (root, a signed account, or none), plus
// the council's origins (pallet_collective's RawOrigin: a motion approved by `ayes` of
// `seats` members, or one member executing alone).
export class Origin {
  static readonly ROOT: u8 = 0;
  static readonly SIGNED: u8 = 1;
  static readonly NONE: u8 = 2;
  static readonly COUNCIL_MEMBERS: u8 = 3;
  static readonly COUNCIL_MEMBER: u8 = 4;
  /** For COUNCIL_MEMBERS: the ayes and the seats of the motion that dispatched the call. */
  ayes: u32 = 0;
  seats: u32 = 0;
  constructor(public kind: u8, public who: Uint8Array = new Uint8Array(32)) {}
  static root(): Origin { return new Origin(Origin.ROOT); }
  static signed(who: Uint8Array): Origin { return new Origin(Origin.SIGNED, who); }
  static none(): Origin { return new Origin(Origin.NONE); }
  static councilMembers(ayes: u32, seats: u32): Origin {
    const o = new Origin(Origin.COUNCIL_MEMBERS);
    o.ayes = ayes;
    o.seats = seats;
    return o;
  }
  static councilMember(who: Uint8Array): Origin { return new Origin(Origin.COUNCIL_MEMBER, who); }
  isRoot(): bool { return this.kind == Origin.ROOT; }
  isSigned(): bool { return this.kind == Origin.SIGNED; }
  /**
   * TF-Chain's RestrictedOrigin (EnsureRootOrCouncilApproval): root, or a council motion
   * approved by at least 3/5 of the seats (EnsureProportionAtLeast<3, 5>).
   */
  isRestricted(): bool {
    return this.kind == Origin.ROOT || (this.kind == Origin.COUNCIL_MEMBERS && <u64>this.ayes * 5 >= <u64>this.seats * 3);
  }
}
