// Billing as TF-Chain 2.9 bills (pallet_smart_contract's billing.rs and cost.rs): each
// cycle, what a contract cost since its last bill (compute and storage units, public IPs,
// NRU, unique names, rented nodes; priced per hour in "units USD" by pricing policy 1,
// converted to TFT, with the discount the owner's balance earns) is reserved on the
// owner's account; every DistributionFrequency cycles, and when the contract is deleted,
// the reserve is paid out (staking pool 10 %, farmer 50 %, foundation 40 %; a name
// contract's: foundation 90 %). An owner who cannot pay is overdrawn and the contract
// enters its grace period (a rent contract takes its node's contracts with it); after
// GracePeriod blocks unpaid it is deleted.
//
// tfit's extension changes one thing: a node contract with stakeholders accrues only while
// its workload is deployed or running (it may never be approved).
import { U128 } from "../../codec";
import { Contract, ContractBill, ContractState, Resources, PricingPolicy, Cause, ContractPaymentState, DispatchError, NodeCertification } from "../../generated/types";
import {
  SmartContractModule_Contracts as Contracts, SmartContractModule_ContractsToBillAt as ContractsToBillAt,
  SmartContractModule_ContractBillingInformationByID as BillingInfo, SmartContractModule_ContractPaymentState as PaymentStates,
  SmartContractModule_NodeContractResources as NodeContractResources, SmartContractModule_ContractWorkloadState as WorkloadStates,
  SmartContractModule_ContractConsensus as ConsensusOf, SmartContractModule_DeploymentOf as DeploymentOf,
  SmartContractModule_ActiveNodeContracts as ActiveNodeContracts, SmartContractModule_ActiveRentContractForNode as RentOfNode,
  TfgridModule_PricingPolicies as PricingPolicies, TfgridModule_Nodes as Nodes, TfgridModule_Farms as Farms,
  TfgridModule_Twins as Twins, TfgridModule_NodePower as NodePower, System_Number, SmartContractModule_DedicatedNodesExtraFee as ExtraFee,
  TfgridModule_TwinBoundedAccountID as TwinBoundedAccountID,
} from "../../generated/storage";
import { SmartContractModule_GracePeriod } from "../../generated/constants";
import { SmartContractModuleErrors as Error } from "../../generated/errors";
import { SmartContractModuleEvents as Event } from "../../generated/events";
import { usableBalance, canReserve, reserve, payFromReserve } from "../balances/currency";
import { NODE, NAME, RENT, nowSeconds, billingFrequency, removeContract, nodeOfContract } from "./store";
import { tftPriceMusd } from "../tftprice-module/price";

const SECONDS_PER_HOUR: u64 = 3600;
const SECONDS_PER_MONTH: u64 = 30 * 24 * 3600;
const GIB: u64 = 1 << 30;
/** Fixed-point scale for fractional compute/storage units. */
const S: u64 = 1_000_000;
/** Cycles between two payouts of a contract's reserve (TF-Chain's runtime: DistributionFrequency). */
const DISTRIBUTION_FREQUENCY: u16 = 24;
/** TF-Chain's staking pool, 5CNposRewardAccount11111111111111111111111111FSU (its runtime's get_staking_pool_account). */
const STAKING_POOL: StaticArray<u8> = [
  13, 209, 209, 166, 229, 163, 90, 168, 199, 245, 229, 126, 30, 221, 12, 63, 189, 106, 191, 46, 170, 142, 244, 37, 72, 152, 110, 84, 162, 86, 32, 0,
];
const DISCOUNT_NONE: u8 = 0;
const DISCOUNT_DEFAULT: u8 = 1;
const DISCOUNT_BRONZE: u8 = 2;
const DISCOUNT_SILVER: u8 = 3;
const DISCOUNT_GOLD: u8 = 4;
const CREATED: u8 = 0;
const DELETED: u8 = 1;
const GRACE: u8 = 2;

function stakingPoolAccount(): Uint8Array {
  const out = new Uint8Array(32);
  for (let i = 0; i < 32; i++) out[i] = STAKING_POOL[i];
  return out;
}

function mulDiv(a: u64, b: u64, d: u64): u64 {
  const p = U128.fromU64(a).checkedMulU64(b);
  if (p === null) return u64.MAX_VALUE;
  const q = p.divU64(d);
  return q.fitsU64() ? q.lo : u64.MAX_VALUE;
}

/** round(a·b/d), halves away from zero (U64F64's round). */
export function mulDivRound(a: u64, b: u64, d: u64): u64 {
  const p = U128.fromU64(a).checkedMulU64(b);
  if (p === null) return u64.MAX_VALUE;
  const q = p.saturatingAdd(U128.fromU64(d / 2)).divU64(d);
  return q.fitsU64() ? q.lo : u64.MAX_VALUE;
}

/** `percent` % of `x`, to the nearest, an exact half down (sp-arithmetic's Percent/Perbill × balance). */
export function percentOf(x: U128, percent: u64): U128 {
  const p = x.checkedMulU64(percent);
  if (p === null) return x;
  const q = p.divU64(100);
  const r = p.saturatingSub(q.checkedMulU64(100)!);
  return r.gt(U128.fromU64(50)) ? q.saturatingAdd(U128.fromU64(1)) : q;
}

function max64(a: u64, b: u64): u64 { return a > b ? a : b; }
function min64(a: u64, b: u64): u64 { return a < b ? a : b; }

/** Storage units ×S: hru/1200 + sru/200 (GiB). */
function storageUnits(r: Resources): u64 {
  return mulDiv(r.hru, S, 1200 * GIB) + mulDiv(r.sru, S, 200 * GIB);
}

/** Compute units ×S: the smallest of max(mru/4, cru/2), max(mru/8, cru), max(mru/2, cru/4) (mru in GiB). */
function computeUnits(r: Resources): u64 {
  const m = mulDiv(r.mru, S, GIB);
  const c = r.cru * S;
  return min64(min64(max64(m / 4, c / 2), max64(m / 8, c)), max64(m / 2, c / 4));
}

/** Units USD for `seconds` of `resources` (when billed) and `ips` public IPs under policy `p`, rounded once at the end. */
function resourcesCost(p: PricingPolicy, r: Resources, billResources: bool, ips: u64, seconds: u64): u64 {
  const perHourScaled = (billResources ? storageUnits(r) * <u64>p.su.value + computeUnits(r) * <u64>p.cu.value : 0) + ips * <u64>p.ipu.value * S;
  return mulDivRound(perHourScaled, seconds, SECONDS_PER_HOUR * S);
}

/** Units USD → chain units of TFT (7 decimals) at `priceMusd` (TFTPriceModule's, price.ts): cost / (price × 10^4) × 10^7, rounded. */
export function toTft(unitsUsd: u64, priceMusd: u32): u64 {
  return mulDivRound(unitsUsd, 1000, <u64>priceMusd);
}

/** Whether a node contract waits for its workload to accrue: tfit's stakeholders extension. */
function hasStakeholders(id: u64): bool {
  return ConsensusOf.exists(DeploymentOf.exists(id) ? DeploymentOf.get(id) : id);
}

/** Whether the contract accrues cost now: always, except a node contract with stakeholders while its workload is not deployed or running. */
export function isBilling(contract: Contract): bool {
  if (contract.contract_type.index != NODE || !hasStakeholders(contract.contract_id)) return true;
  if (!WorkloadStates.exists(contract.contract_id)) return false;
  return WorkloadStates.get(contract.contract_id).index != 2; // not Failed
}

/** Units USD `contract` cost over `seconds` (TF-Chain's calculate_contract_cost; a node contract's includes its unbilled NRU). */
function contractCostUsd(p: PricingPolicy, contract: Contract, seconds: u64): u64 {
  if (seconds == 0) return 0; // TF-Chain's: nothing, not even the unbilled NRU, in no time
  const kind = contract.contract_type.index;
  if (kind == NODE) {
    const nc = contract.contract_type.NodeContract;
    const accrues = isBilling(contract);
    // a rented node's contracts pay only their IPs (and NRU): the rent covers the capacity
    const resources = accrues ? resourcesCost(p, NodeContractResources.get(contract.contract_id).used, !RentOfNode.exists(nc.node_id), <u64>nc.public_ips, seconds) : 0;
    return resources + BillingInfo.get(contract.contract_id).amount_unbilled;
  }
  if (kind == NAME) return mulDivRound(<u64>p.unique_name.value, seconds, SECONDS_PER_HOUR);
  const node = Nodes.get(contract.contract_type.RentContract.node_id);
  const full = resourcesCost(p, node.resources, true, 0, seconds);
  // the policy's value is the share of the node's price a renter pays
  return percentOf(U128.fromU64(full), <u64>p.discount_for_dedication_nodes).lo;
}

/** TFT units of a node's extra fee (mUSD per 30-day month) over `seconds`. */
function extraFeeTft(node_id: u32, seconds: u64, price: u32): u64 {
  const fee = ExtraFee.get(node_id);
  if (fee == 0) return 0;
  const unitsUsd = mulDivRound(fee, seconds * 10_000, SECONDS_PER_MONTH); // fee in mUSD, 10⁴ units USD each
  return unitsUsd == 0 ? 0 : toTft(unitsUsd, price);
}

/** Whether twice a balance covers `halfMonths` half months of `monthly`. */
function covers(twiceBalance: U128 | null, monthly: U128, halfMonths: u64): bool {
  if (twiceBalance === null) return true;
  const needed = monthly.checkedMulU64(halfMonths);
  return needed !== null && twiceBalance.ge(needed);
}

class Due { amount: U128 = U128.zero(); discount: u8 = DISCOUNT_NONE; }

/**
 * TF-Chain's calculate_discount_tft: how many months of this bill, normalised to a 30-day
 * month (amount × 3600 / seconds × 720, rounded), the balance covers: ≥1.5 Default ×0.8,
 * ≥3 Bronze ×0.7, ≥6 Silver ×0.6, ≥18 Gold ×0.4; capacity on a certified node costs ×1.25
 * more (2.9 passes the node's certification); the result rounded.
 */
function discounted(amountTft: u64, balance: U128, seconds: u64, certified: bool): Due {
  const due = new Due();
  if (amountTft == 0) return due;
  const monthly = U128.fromU64(mulDivRound(amountTft, 3600 * 24 * 30, seconds == 0 ? 1 : seconds));
  const twice = balance.checkedMulU64(2); // twice the balance: 1.5 months compares in integers
  let tenths: u64 = 10;
  if (monthly.isZero() || covers(twice, monthly, 36)) { due.discount = DISCOUNT_GOLD; tenths = 4; }
  else if (covers(twice, monthly, 12)) { due.discount = DISCOUNT_SILVER; tenths = 6; }
  else if (covers(twice, monthly, 6)) { due.discount = DISCOUNT_BRONZE; tenths = 7; }
  else if (covers(twice, monthly, 3)) { due.discount = DISCOUNT_DEFAULT; tenths = 8; }
  // round(amount × tenths / 10 × (5/4 when certified))
  due.amount = U128.fromU64(mulDivRound(amountTft, tenths * (certified ? 5 : 4), 40));
  return due;
}

/** Writes a contract's state, as TF-Chain's update_contract_state. */
function setState(contract: Contract, state: ContractState): void {
  contract.state = state;
  Contracts.set(contract.contract_id, contract);
}

function hasOverdraft(ps: ContractPaymentState): bool { return !ps.standard_overdraft.isZero() || !ps.additional_overdraft.isZero(); }
function hasReserve(ps: ContractPaymentState): bool { return !ps.standard_reserve.isZero() || !ps.additional_reserve.isZero(); }

/** A rent contract's state passes to its node's contracts (not back to Created while one is overdrawn). */
function synchronizeNodeContracts(rent: Contract, state: ContractState): void {
  if (rent.contract_type.index != RENT) return;
  const node = rent.contract_type.RentContract.node_id;
  const ids = ActiveNodeContracts.get(node);
  for (let i = 0; i < ids.length; i++) {
    if (!Contracts.exists(ids[i])) continue;
    if (state.index == CREATED && PaymentStates.exists(ids[i]) && hasOverdraft(PaymentStates.get(ids[i]))) continue;
    const c = Contracts.get(ids[i]);
    setState(c, state);
    if (state.index == CREATED) Event.ContractGracePeriodEnded(ids[i], node, c.twin_id);
    else Event.ContractGracePeriodStarted(ids[i], node, c.twin_id, state.GracePeriod);
  }
}

/** TF-Chain's manage_contract_state: into and out of the grace period, and its expiry. */
function manageState(contract: Contract, sufficient: bool, block: u64): void {
  const state = contract.state.index;
  if (state == GRACE) {
    // a node contract on a rented node stays in grace while its rent contract is
    let rentSuspended = false;
    if (contract.contract_type.index == NODE) {
      const node = contract.contract_type.NodeContract.node_id;
      if (RentOfNode.exists(node) && Contracts.exists(RentOfNode.get(node))) rentSuspended = Contracts.get(RentOfNode.get(node)).state.index == GRACE;
    }
    if (sufficient && !rentSuspended) {
      setState(contract, ContractState.Created());
      Event.ContractGracePeriodEnded(contract.contract_id, nodeOfContract(contract), contract.twin_id);
      synchronizeNodeContracts(contract, ContractState.Created());
      return;
    }
    const elapsed = block > contract.state.GracePeriod ? block - contract.state.GracePeriod : 0;
    if (elapsed < SmartContractModule_GracePeriod()) return;
    if (contract.contract_type.index == RENT) {
      // the rent contract waits until its node's contracts have paid out what they hold
      const ids = ActiveNodeContracts.get(contract.contract_type.RentContract.node_id);
      for (let i = 0; i < ids.length; i++) if (PaymentStates.exists(ids[i]) && hasReserve(PaymentStates.get(ids[i]))) return;
    }
    Event.ContractGracePeriodElapsed(contract.contract_id, elapsed);
    setState(contract, ContractState.Deleted(Cause.OutOfFunds));
  } else if (state == CREATED && !sufficient) {
    setState(contract, ContractState.GracePeriod(block));
    Event.ContractGracePeriodStarted(contract.contract_id, nodeOfContract(contract), contract.twin_id, block);
    synchronizeNodeContracts(contract, ContractState.GracePeriod(block));
  }
}

/** Pays out a contract's reserve every DISTRIBUTION_FREQUENCY cycles and when it is deleted (TF-Chain's remit_funds). */
function remit(contract: Contract, ps: ContractPaymentState, owner: Uint8Array, farmer: Uint8Array | null, foundation: Uint8Array): void {
  ps.cycles = ps.cycles == u16.MAX_VALUE ? ps.cycles : ps.cycles + 1;
  const deleted = contract.state.index == DELETED;
  if (!(ps.cycles >= DISTRIBUTION_FREQUENCY || deleted) || !hasReserve(ps)) return;
  const standard = ps.standard_reserve;
  const additional = ps.additional_reserve;
  if (contract.contract_type.index == RENT) {
    if (farmer !== null) payFromReserve(owner, farmer, additional);
    ps.additional_reserve = U128.zero();
  }
  if (!standard.isZero()) {
    const staking = percentOf(standard, 10);
    payFromReserve(owner, stakingPoolAccount(), staking);
    if (farmer !== null) {
      const toFoundation = percentOf(standard, 40);
      payFromReserve(owner, farmer, standard.saturatingSub(toFoundation).saturatingSub(staking));
      payFromReserve(owner, foundation, toFoundation);
    } else {
      payFromReserve(owner, foundation, standard.saturatingSub(staking));
    }
  }
  ps.standard_reserve = U128.zero();
  ps.cycles = 0;
  Event.RewardDistributed(contract.contract_id, standard, additional);
}

/**
 * Bills contract `id` for the time since its last bill, as TF-Chain's bill_contract: the
 * checks come first and write nothing, so a refusal changes nothing.
 */
export function billContract(id: u64): DispatchError | null {
  if (!Contracts.exists(id)) return Error.ContractNotExists();
  const contract = Contracts.get(id);
  if (!Twins.exists(contract.twin_id)) return Error.TwinNotExists();
  const owner = Twins.get(contract.twin_id).account_id;
  if (!PricingPolicies.exists(1)) return Error.PricingPolicyNotExists();
  const policy = PricingPolicies.get(1);
  let farmer: Uint8Array | null = null;
  let certified = false;
  if (contract.contract_type.index != NAME) {
    const nodeId = nodeOfContract(contract);
    if (!Nodes.exists(nodeId)) return Error.NodeNotExists();
    certified = Nodes.get(nodeId).certification == NodeCertification.Certified;
    const farmId = Nodes.get(nodeId).farm_id;
    if (!Farms.exists(farmId)) return Error.FarmNotExists();
    const farmTwin = Farms.get(farmId).twin_id;
    if (!Twins.exists(farmTwin)) return Error.TwinNotExists();
    farmer = Twins.get(farmTwin).account_id;
  }
  if (!PaymentStates.exists(id)) return Error.ContractPaymentStateNotExists();
  const ps = PaymentStates.get(id);
  const price = tftPriceMusd();
  if (price == 0) return Error.TFTPriceValueError();

  const usable = usableBalance(owner);
  // the discount counts the account bonded to the twin too (TF-Chain's stash); only the owner pays
  const bonded = TwinBoundedAccountID.exists(contract.twin_id) ? usableBalance(TwinBoundedAccountID.get(contract.twin_id)) : U128.zero();
  const now = nowSeconds();
  const elapsed = now > ps.last_updated_seconds ? now - ps.last_updated_seconds : 0;
  const deleted = contract.state.index == DELETED;
  // a rented node on standby: its rent is waived, and the billing clock waits for it
  const waived = contract.contract_type.index == RENT && NodePower.get(contract.contract_type.RentContract.node_id).state.index == 1;
  if (waived) {
    Event.RentWaived(id);
    if (contract.state.index == CREATED) return null;
  }
  const due = waived ? new Due() : discounted(toTft(contractCostUsd(policy, contract, elapsed), price), usable.saturatingAdd(bonded), elapsed, certified);
  // a dedicated node's extra fee, which its renter pays the farmer undiscounted (TF-Chain's calculate_extra_fee_cost_tft)
  const extra = waived || contract.contract_type.index != RENT ? U128.zero() : U128.fromU64(extraFeeTft(contract.contract_type.RentContract.node_id, elapsed, price));
  // nothing due (a node contract on a rented node, say) and nothing owed: the clock waits
  if (due.amount.isZero() && extra.isZero() && !hasOverdraft(ps) && !deleted) return null;

  const toReserve = due.amount.saturatingAdd(extra).saturatingAdd(ps.standard_overdraft).saturatingAdd(ps.additional_overdraft);
  const sufficient = canReserve(owner, toReserve);
  manageState(contract, sufficient, <u64>System_Number.get());
  if (sufficient) {
    reserve(owner, toReserve);
    ps.standard_reserve = ps.standard_reserve.saturatingAdd(ps.standard_overdraft).saturatingAdd(due.amount);
    ps.additional_reserve = ps.additional_reserve.saturatingAdd(ps.additional_overdraft).saturatingAdd(extra);
    ps.standard_overdraft = U128.zero();
    ps.additional_overdraft = U128.zero();
    const bill = new ContractBill();
    bill.contract_id = id;
    bill.timestamp = now;
    bill.discount_level = due.discount;
    bill.amount_billed = toReserve;
    Event.ContractBilled(bill);
  } else {
    // what can be reserved is, the rest of this cycle is owed
    ps.standard_overdraft = ps.standard_overdraft.saturatingAdd(due.amount);
    ps.additional_overdraft = ps.additional_overdraft.saturatingAdd(extra);
    reserve(owner, usable);
    // TF-Chain 2.9's settle_partial_overdraft: the additional (extra fee) overdraft first
    let settled = usable;
    const fromAdditional = settled.min(ps.additional_overdraft);
    ps.additional_overdraft = ps.additional_overdraft.saturatingSub(fromAdditional);
    ps.additional_reserve = ps.additional_reserve.saturatingAdd(fromAdditional);
    settled = settled.saturatingSub(fromAdditional);
    const fromStandard = settled.min(ps.standard_overdraft);
    ps.standard_overdraft = ps.standard_overdraft.saturatingSub(fromStandard);
    ps.standard_reserve = ps.standard_reserve.saturatingAdd(fromStandard);
    Event.ContractPaymentOverdrawn(id, now, usable, due.amount.saturatingAdd(extra).saturatingSub(usable));
  }
  remit(contract, ps, owner, farmer, policy.foundation_account);

  if (contract.state.index == DELETED) {
    removeContract(contract, contract.state.Deleted);
    return null;
  }
  if (contract.contract_type.index == NODE) {
    const info = BillingInfo.get(id);
    info.amount_unbilled = 0;
    BillingInfo.set(id, info);
  }
  ps.last_updated_seconds = now;
  PaymentStates.set(id, ps);
  return null;
}

/** Cancels a contract as TF-Chain's do_cancel_contract: Deleted(cause) first, then its last bill, which pays out and removes it. */
export function cancelAndBill(contract: Contract, cause: u8): DispatchError | null {
  setState(contract, ContractState.Deleted(cause));
  return billContract(contract.contract_id);
}

/** Whether TF-Chain's billing worker bills this contract: a node contract only with IPs, used resources, NRU or an overdraft. */
function shouldBill(contract: Contract): bool {
  if (contract.contract_type.index != NODE) return true;
  const id = contract.contract_id;
  if (contract.contract_type.NodeContract.public_ips > 0) return true;
  const used = NodeContractResources.get(id).used;
  if (used.cru != 0 || used.mru != 0 || used.sru != 0 || used.hru != 0) return true;
  if (BillingInfo.get(id).amount_unbilled > 0) return true;
  return PaymentStates.exists(id) && hasOverdraft(PaymentStates.get(id));
}

/**
 * Block hook: bills the contracts whose turn in the billing loop this block is, as TF-Chain's
 * off-chain worker submits bill_contract_for_block for them (here in finalize, with no fee).
 * A bill that is refused writes nothing (billContract checks before it writes).
 */
export function onFinalize(block: u32): void {
  const due = ContractsToBillAt.get(<u64>block % billingFrequency());
  for (let i = 0; i < due.length; i++) {
    if (!Contracts.exists(due[i]) || !shouldBill(Contracts.get(due[i]))) continue;
    billContract(due[i]);
  }
}

/** Starts a new contract's billing clock (TF-Chain's create_contract writes its payment state). */
export function startBilling(id: u64): void {
  const ps = new ContractPaymentState();
  ps.last_updated_seconds = nowSeconds();
  PaymentStates.set(id, ps);
}

/** Restarts a contract's billing clock now: a contract with stakeholders starts accruing when its workload is deployed. */
export function restartBillingClock(id: u64): void {
  if (!PaymentStates.exists(id)) return;
  const ps = PaymentStates.get(id);
  ps.last_updated_seconds = nowSeconds();
  PaymentStates.set(id, ps);
}
