// Billing: what a contract costs (TF-Chain's cost model: compute and storage units,
// public IPs, unique names, rented nodes, priced per hour in "units USD" by pricing
// policy 1, converted to TFT at a fixed price), and charging it to the owner every
// BillingFrequency blocks, with TF-Chain's grace period when the owner cannot pay.
import { U128 } from "../../codec";
import { Contract, ContractBill, ContractState, Resources, PricingPolicy, Cause } from "../../generated/types";
import {
  SmartContractModule_Contracts as Contracts, SmartContractModule_ContractsToBillAt as ContractsToBillAt,
  SmartContractModule_ContractBillingInformationByID as BillingInfo, SmartContractModule_ContractLock as Locks,
  SmartContractModule_NodeContractResources as NodeContractResources, SmartContractModule_ContractWorkloadState as WorkloadStates,
  TfgridModule_PricingPolicies as PricingPolicies, TfgridModule_Nodes as Nodes, TfgridModule_Farms as Farms,
  TfgridModule_Twins as Twins, System_Number,
} from "../../generated/storage";
import { SmartContractModule_GracePeriod } from "../../generated/constants";
import { SmartContractModuleEvents as Event } from "../../generated/events";
import { transfer } from "../balances/currency";
import { NODE, NAME, nowSeconds, billingFrequency, removeContract, nodeOfContract } from "./store";

/** tfit's fixed TFT price (TF-Chain reads TFTPriceModule's average): 50 mUSD. */
const TFT_PRICE_MUSD: u64 = 50;
const SECONDS_PER_HOUR: u64 = 3600;
const GIB: u64 = 1 << 30;
/** Fixed-point scale for fractional compute/storage units. */
const S: u64 = 1_000_000;
const DISCOUNT_LEVEL_NONE: u8 = 0;

function mulDiv(a: u64, b: u64, d: u64): u64 {
  const p = U128.fromU64(a).checkedMulU64(b);
  if (p === null) return u64.MAX_VALUE;
  const q = p.divU64(d);
  return q.fitsU64() ? q.lo : u64.MAX_VALUE;
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

/** Units USD for `seconds` of `resources` and `ips` public IPs under policy `p`. */
function resourcesCost(p: PricingPolicy, r: Resources, ips: u64, seconds: u64): u64 {
  const perHourScaled = storageUnits(r) * <u64>p.su.value + computeUnits(r) * <u64>p.cu.value;
  return mulDiv(perHourScaled, seconds, SECONDS_PER_HOUR * S) + mulDiv(ips * <u64>p.ipu.value, seconds, SECONDS_PER_HOUR);
}

/** Units USD → chain units of TFT (7 decimals): × 10^7 / (price mUSD × 10^4). */
function toTft(unitsUsd: u64): U128 {
  return U128.fromU64(mulDiv(unitsUsd, 1000, TFT_PRICE_MUSD));
}

/** Whether the contract accrues cost now: node contracts only while their workload is deployed or running. */
export function isBilling(contract: Contract): bool {
  if (contract.contract_type.index != NODE) return true;
  if (!WorkloadStates.exists(contract.contract_id)) return false;
  return WorkloadStates.get(contract.contract_id).index != 2; // not Failed
}

/** What the contract costs for `seconds`, in TFT chain units. */
export function contractCost(contract: Contract, seconds: u64): U128 {
  if (!PricingPolicies.exists(1)) return U128.zero();
  const p = PricingPolicies.get(1);
  const kind = contract.contract_type.index;
  if (kind == NODE) {
    const used = NodeContractResources.get(contract.contract_id).used;
    return toTft(resourcesCost(p, used, <u64>contract.contract_type.NodeContract.public_ips, seconds));
  }
  if (kind == NAME) return toTft(mulDiv(<u64>p.unique_name.value, seconds, SECONDS_PER_HOUR));
  // a rented node: its whole capacity, with the dedicated-node discount
  const node = Nodes.get(contract.contract_type.RentContract.node_id);
  const full = resourcesCost(p, node.resources, 0, seconds);
  return toTft(full - mulDiv(full, <u64>p.discount_for_dedication_nodes, 100));
}

/** Who is paid: the farmer of the contract's node, or the foundation for names. */
function beneficiary(contract: Contract): Uint8Array {
  const p = PricingPolicies.get(1);
  if (contract.contract_type.index == NAME) return p.foundation_account;
  const nodeId = contract.contract_type.index == NODE ? contract.contract_type.NodeContract.node_id : contract.contract_type.RentContract.node_id;
  if (!Nodes.exists(nodeId)) return p.foundation_account;
  const farm = Farms.get(Nodes.get(nodeId).farm_id);
  return Twins.exists(farm.twin_id) ? Twins.get(farm.twin_id).account_id : p.foundation_account;
}

/**
 * Bills a contract for the time since it was last billed (plus NRU reported and any
 * unpaid amount). An owner who cannot pay puts the contract in its grace period; after
 * GracePeriod blocks unpaid the contract is deleted (OutOfFunds). Paying again ends it.
 */
export function billContract(id: u64): void {
  if (!Contracts.exists(id)) return;
  const contract = Contracts.get(id);
  const info = BillingInfo.get(id);
  const now = nowSeconds();
  const elapsed = now > info.last_updated ? now - info.last_updated : 0;
  let due = isBilling(contract) ? contractCost(contract, elapsed) : U128.zero();
  due = due.saturatingAdd(toTft(info.amount_unbilled));
  info.last_updated = now;
  info.amount_unbilled = 0;
  BillingInfo.set(id, info);
  const lock = Locks.get(id);
  const total = due.saturatingAdd(lock.amount_locked);
  if (total.isZero()) return;
  if (!Twins.exists(contract.twin_id)) return;
  const owner = Twins.get(contract.twin_id).account_id;
  const block = System_Number.get();
  if (transfer(owner, beneficiary(contract), total, true) === null) {
    Locks.remove(id);
    const bill = new ContractBill();
    bill.contract_id = id;
    bill.timestamp = now;
    bill.discount_level = DISCOUNT_LEVEL_NONE;
    bill.amount_billed = total;
    Event.ContractBilled(bill);
    if (contract.state.index == 2) {
      contract.state = ContractState.Created();
      Contracts.set(id, contract);
      Event.ContractGracePeriodEnded(id, nodeOfContract(contract), contract.twin_id);
    }
    return;
  }
  // unpaid: remember it, and start or continue the grace period
  lock.amount_locked = total;
  lock.lock_updated = now;
  Locks.set(id, lock);
  if (contract.state.index == 0) {
    contract.state = ContractState.GracePeriod(<u64>block);
    Contracts.set(id, contract);
    Event.ContractGracePeriodStarted(id, nodeOfContract(contract), contract.twin_id, <u64>block);
  } else if (contract.state.index == 2 && <u64>block >= contract.state.GracePeriod + SmartContractModule_GracePeriod()) {
    Event.ContractGracePeriodElapsed(id, SmartContractModule_GracePeriod());
    removeContract(contract, Cause.OutOfFunds);
  }
}

/** Block hook: bills the contracts whose turn in the billing loop this block is. */
export function onFinalize(block: u32): void {
  const due = ContractsToBillAt.get(<u64>block % billingFrequency());
  for (let i = 0; i < due.length; i++) billContract(due[i]);
}


