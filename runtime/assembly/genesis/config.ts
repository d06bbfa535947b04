// GenesisBuilder: the runtime builds its own genesis state from a JSON config, as FRAME's
// `RuntimeGenesisConfig` does, so chain specs (chain-spec/build.ts) and any node's
// `build-spec` derive genesis from the wasm itself. The format is documented in
// chain-spec/presets.ts (genesisConfig). Strict: unknown keys are refused, as serde's
// deny_unknown_fields; every section is optional.
import { Json, JsonReader, jsonU128, jsonHex } from "../codec/json";
import { U128 } from "../codec";
import {
  AccountInfo, LastRuntimeUpgradeInfo, Tuple_Bytes_u64, PricingPolicy, Policy, FarmingPolicy, NodeCertification, FarmCertification, Tuple_u16_u16,
} from "../generated/types";
import {
  System_Account, System_BlockHash, System_ParentHash, System_UpgradedToU32RefCount, System_UpgradedToTripleRefCount,
  System_LastRuntimeUpgrade, Balances_TotalIssuance, Aura_Authorities, Grandpa_Authorities, Sudo_Key,
  TransactionPayment_NextFeeMultiplier, TransactionPayment_StorageVersion, TfgridModule_PricingPolicies, TfgridModule_PricingPolicyIdByName,
  TfgridModule_PricingPolicyID, TfgridModule_FarmingPoliciesMap, TfgridModule_FarmingPolicyID, TfgridModule_ConnectionPrice,
  TfgridModule_PalletVersion, SmartContractModule_PalletVersion, TFTPriceModule_MinTftPrice, TFTPriceModule_MaxTftPrice,
  TFTPriceModule_TftPrice, TFTPriceModule_AverageTftPrice, TFTPriceModule_TftPriceHistory, TFTPriceModule_BufferRange,
  CouncilMembership_Members, Council_Members,
} from "../generated/storage";
import { containsAccount, sortedAccounts } from "../support/account-set";
import { System_Version } from "../generated/constants";
import { bytesEqual } from "../codec";

/** frame_system's genesis parent hash: 0x45 repeated. */
function hash69(): Uint8Array { const h = new Uint8Array(32); h.fill(0x45); return h; }

class Build {
  error: string | null = null;

  fail(msg: string): void { if (this.error === null) this.error = msg; }

  /** An object's members must all be in `allowed`. */
  checkKeys(v: Json, where: string, allowed: string[]): bool {
    if (v.kind != Json.OBJECT) { this.fail(where + ": expected an object"); return false; }
    for (let i = 0; i < v.keys.length; i++) if (!allowed.includes(v.keys[i])) { this.fail(where + ": unknown field `" + v.keys[i] + "`"); return false; }
    return true;
  }

  account(v: Json | null, where: string): Uint8Array {
    const k = jsonHex(v, 32);
    if (k === null) { this.fail(where + ": expected a 0x-hex 32-byte account id"); return new Uint8Array(32); }
    return k;
  }

  u128(v: Json | null, where: string): U128 {
    const n = jsonU128(v);
    if (n === null) { this.fail(where + ": expected a non-negative integer"); return U128.zero(); }
    return n;
  }

  u32(v: Json | null, where: string): u32 {
    const n = this.u128(v, where);
    if (n.hi != 0 || n.lo > <u64>u32.MAX_VALUE) { this.fail(where + ": out of range"); return 0; }
    return <u32>n.lo;
  }

  str(v: Json | null, where: string): string {
    if (v === null || v.kind != Json.STRING) { this.fail(where + ": expected a string"); return ""; }
    return v.text;
  }

  array(v: Json | null, where: string): Array<Json> {
    if (v === null || v.kind != Json.ARRAY) { this.fail(where + ": expected an array"); return new Array<Json>(0); }
    return v.items;
  }
}

function system(): void {
  System_BlockHash.set(0, hash69());
  System_ParentHash.set(hash69());
  System_UpgradedToU32RefCount.set(true);
  System_UpgradedToTripleRefCount.set(true);
  const v = System_Version();
  const info = new LastRuntimeUpgradeInfo();
  info.spec_version = v.spec_version;
  info.spec_name = v.spec_name;
  System_LastRuntimeUpgrade.set(info);
}

function balances(b: Build, v: Json): void {
  if (!b.checkKeys(v, "balances", ["balances"])) return;
  const list = v.get("balances");
  if (list === null) return;
  let issuance = U128.zero();
  const seen = new Array<Uint8Array>(0);
  const entries = b.array(list, "balances.balances");
  for (let i = 0; i < entries.length && b.error === null; i++) {
    const where = "balances.balances[" + i.toString() + "]";
    const pair = b.array(entries[i], where);
    if (pair.length != 2) { b.fail(where + ": expected [account, amount]"); return; }
    const who = b.account(pair[0], where);
    const free = b.u128(pair[1], where);
    for (let j = 0; j < seen.length; j++) if (bytesEqual(seen[j], who)) { b.fail(where + ": duplicate account"); return; }
    seen.push(who);
    const sum = issuance.checkedAdd(free);
    if (sum === null) { b.fail("balances: total issuance overflows u128"); return; }
    issuance = sum;
    const info = new AccountInfo();
    info.providers = 1;
    info.data.free = free;
    System_Account.set(who, info);
  }
  Balances_TotalIssuance.set(issuance);
}

function authorities(b: Build, aura: Json | null, grandpa: Json | null): void {
  if (aura !== null && b.checkKeys(aura, "aura", ["authorities"])) {
    const list = aura.get("authorities");
    const keys = new Array<Uint8Array>(0);
    if (list !== null) {
      const items = b.array(list, "aura.authorities");
      for (let i = 0; i < items.length; i++) keys.push(b.account(items[i], "aura.authorities[" + i.toString() + "]"));
    }
    Aura_Authorities.set(keys);
  }
  if (grandpa !== null && b.checkKeys(grandpa, "grandpa", ["authorities"])) {
    const list = grandpa.get("authorities");
    const out = new Array<Tuple_Bytes_u64>(0);
    if (list !== null) {
      const items = b.array(list, "grandpa.authorities");
      for (let i = 0; i < items.length; i++) {
        const where = "grandpa.authorities[" + i.toString() + "]";
        const pair = b.array(items[i], where);
        if (pair.length != 2) { b.fail(where + ": expected [key, weight]"); return; }
        const t = new Tuple_Bytes_u64();
        t._0 = b.account(pair[0], where);
        const w = b.u128(pair[1], where);
        t._1 = w.lo;
        out.push(t);
      }
    }
    Grandpa_Authorities.set(out);
  }
}

function sudo(b: Build, v: Json): void {
  if (!b.checkKeys(v, "sudo", ["key"])) return;
  const key = v.get("key");
  if (key !== null && key.kind != Json.NULL) Sudo_Key.set(b.account(key, "sudo.key"));
}

function policy(b: Build, v: Json | null, where: string): Policy {
  const p = new Policy();
  p.value = b.u32(v, where);
  p.unit = 3; // Gigabytes, TF-Chain's default unit
  return p;
}

function tfgrid(b: Build, v: Json): void {
  if (!b.checkKeys(v, "tfgridModule", ["pricingPolicy", "farmingPolicies", "connectionPrice"])) return;
  const pp = v.get("pricingPolicy");
  if (pp !== null && b.checkKeys(pp, "tfgridModule.pricingPolicy", ["name", "su", "cu", "nu", "ipu", "uniqueName", "domainName", "foundationAccount", "certifiedSalesAccount", "discountForDedicationNodes"])) {
    const w = "tfgridModule.pricingPolicy";
    const p = new PricingPolicy();
    p.version = 2; // TF-Chain's TFGRID_PRICING_POLICY_VERSION
    p.id = 1;
    p.name = Uint8Array.wrap(String.UTF8.encode(b.str(pp.get("name"), w + ".name")));
    p.su = policy(b, pp.get("su"), w + ".su");
    p.cu = policy(b, pp.get("cu"), w + ".cu");
    p.nu = policy(b, pp.get("nu"), w + ".nu");
    p.ipu = policy(b, pp.get("ipu"), w + ".ipu");
    p.unique_name = policy(b, pp.get("uniqueName"), w + ".uniqueName");
    p.domain_name = policy(b, pp.get("domainName"), w + ".domainName");
    p.foundation_account = b.account(pp.get("foundationAccount"), w + ".foundationAccount");
    p.certified_sales_account = b.account(pp.get("certifiedSalesAccount"), w + ".certifiedSalesAccount");
    const discount = b.u32(pp.get("discountForDedicationNodes"), w + ".discountForDedicationNodes");
    if (discount > 100) b.fail(w + ".discountForDedicationNodes: at most 100");
    p.discount_for_dedication_nodes = <u8>discount;
    TfgridModule_PricingPolicies.set(1, p);
    TfgridModule_PricingPolicyIdByName.set(p.name, 1);
    TfgridModule_PricingPolicyID.set(1);
  }
  const fps = v.get("farmingPolicies");
  if (fps !== null) {
    const items = b.array(fps, "tfgridModule.farmingPolicies");
    for (let i = 0; i < items.length; i++) {
      const w = "tfgridModule.farmingPolicies[" + i.toString() + "]";
      const f = items[i];
      if (!b.checkKeys(f, w, ["name", "cu", "su", "nu", "ipv4", "minimalUptime", "nodeCertification"])) return;
      const p = new FarmingPolicy();
      p.version = 2; // TF-Chain's TFGRID_FARMING_POLICY_VERSION
      p.id = <u32>(i + 1);
      p.name = Uint8Array.wrap(String.UTF8.encode(b.str(f.get("name"), w + ".name")));
      p.cu = b.u32(f.get("cu"), w + ".cu");
      p.su = b.u32(f.get("su"), w + ".su");
      p.nu = b.u32(f.get("nu"), w + ".nu");
      p.ipv4 = b.u32(f.get("ipv4"), w + ".ipv4");
      p.minimal_uptime = <u16>b.u32(f.get("minimalUptime"), w + ".minimalUptime");
      const cert = b.str(f.get("nodeCertification"), w + ".nodeCertification");
      if (cert != "Diy" && cert != "Certified") b.fail(w + ".nodeCertification: Diy or Certified");
      p.node_certification = cert == "Certified" ? NodeCertification.Certified : NodeCertification.Diy;
      p.farm_certification = FarmCertification.NotCertified;
      p.default = true;
      TfgridModule_FarmingPoliciesMap.set(p.id, p);
    }
    TfgridModule_FarmingPolicyID.set(<u32>items.length);
  }
  const price = v.get("connectionPrice");
  if (price !== null) TfgridModule_ConnectionPrice.set(b.u32(price, "tfgridModule.connectionPrice"));
}

/**
 * TFTPriceModule: TF-Chain's min and max prices, and tfit's starting price (`tftPrice`,
 * mUSD; TF-Chain starts with none and waits for its validators' off-chain workers), stored
 * as the first submission so that billing has a price from block 1.
 */
function tftPrice(b: Build, v: Json): void {
  if (!b.checkKeys(v, "tftPriceModule", ["minTftPrice", "maxTftPrice", "tftPrice"])) return;
  const min = v.get("minTftPrice");
  if (min !== null) TFTPriceModule_MinTftPrice.set(b.u32(min, "tftPriceModule.minTftPrice"));
  const max = v.get("maxTftPrice");
  if (max !== null) TFTPriceModule_MaxTftPrice.set(b.u32(max, "tftPriceModule.maxTftPrice"));
  const start = v.get("tftPrice");
  if (start !== null) {
    const price = b.u32(start, "tftPriceModule.tftPrice");
    TFTPriceModule_TftPrice.set(price);
    TFTPriceModule_AverageTftPrice.set(price);
    TFTPriceModule_TftPriceHistory.set(0, price);
    const range = new Tuple_u16_u16();
    range._1 = 1;
    TFTPriceModule_BufferRange.set(range);
  }
}

/** CouncilMembership's members (0x-hex account ids), which are the Council's too (pallet_membership's genesis). */
function councilMembership(b: Build, v: Json): void {
  if (!b.checkKeys(v, "councilMembership", ["members"])) return;
  const items = b.array(v.get("members"), "councilMembership.members");
  const members = new Array<Uint8Array>(0);
  for (let i = 0; i < items.length; i++) {
    const who = b.account(items[i], "councilMembership.members[" + i.toString() + "]");
    if (containsAccount(members, who)) { b.fail("councilMembership.members: duplicate member"); return; }
    members.push(who);
  }
  const sorted = sortedAccounts(members);
  CouncilMembership_Members.set(sorted);
  Council_Members.set(sorted);
}

/**
 * Writes the genesis state a JSON config describes; null on success, else why not. The
 * caller discards the writes on failure (the API runs it inside a storage transaction).
 */
export function buildState(config: Uint8Array): string | null {
  const reader = new JsonReader(String.UTF8.decode(config.buffer.slice(config.byteOffset, config.byteOffset + config.length)));
  const root = reader.read();
  if (root === null) return "invalid JSON: " + reader.error!;
  const b = new Build();
  if (!b.checkKeys(root, "genesis config", ["system", "balances", "aura", "grandpa", "sudo", "transactionPayment", "tfgridModule", "tftPriceModule", "councilMembership"])) return b.error;
  const sys = root.get("system");
  if (sys !== null) b.checkKeys(sys, "system", []);
  const tp = root.get("transactionPayment");
  if (tp !== null) b.checkKeys(tp, "transactionPayment", []);
  system();
  TransactionPayment_NextFeeMultiplier.set(new U128(1_000_000_000_000_000_000, 0));
  TransactionPayment_StorageVersion.set(1);
  // the storage versions TF-Chain 2.9.2's pallets are at (V17Struct, V12)
  TfgridModule_PalletVersion.set(16);
  SmartContractModule_PalletVersion.set(11);
  const bal = root.get("balances");
  if (bal !== null) balances(b, bal);
  authorities(b, root.get("aura"), root.get("grandpa"));
  const s = root.get("sudo");
  if (s !== null) sudo(b, s);
  const g = root.get("tfgridModule");
  if (g !== null) tfgrid(b, g);
  const price = root.get("tftPriceModule");
  if (price !== null) tftPrice(b, price);
  const council = root.get("councilMembership");
  if (council !== null) councilMembership(b, council);
  return b.error;
}
