// pallet_smart_contract's administration: the billing frequency and the collective's
// cancel (TF-Chain's RestrictedOrigin: root or a council motion approved by 3/5 of the
// seats), and a farmer's extra fee on a dedicated node. Checks in TF-Chain's order.
import { DispatchError, Cause } from "../../generated/types";
import {
  SmartContractModule_Contracts as Contracts, SmartContractModule_BillingFrequency as BillingFrequency,
  SmartContractModule_ActiveNodeContracts as ActiveNodeContracts, SmartContractModule_ActiveRentContractForNode as RentOfNode,
  SmartContractModule_DedicatedNodesExtraFee as ExtraFee, TfgridModule_Nodes as Nodes, TfgridModule_Farms as Farms,
} from "../../generated/storage";
import { SmartContractModuleErrors as Error } from "../../generated/errors";
import { SmartContractModuleEvents as Event } from "../../generated/events";
import { Origin } from "../../support/origin";
import { badOrigin } from "../../support/dispatch";
import { twinOf } from "../tfgrid-module/calls";
import { RENT, billingFrequency } from "./store";
import { cancelAndBill } from "./billing";

/**
 * Raises the billing frequency. Contracts stay where the loop put them (id modulo the old
 * frequency, an index the new loop still reaches once per cycle); TF-Chain's later cancel of
 * such a contract fails with ContractWrongBillingLoopIndex, tfit's does not.
 */
export function change_billing_frequency(origin: Origin, frequency: u64): DispatchError | null {
  if (!origin.isRestricted()) return badOrigin();
  if (frequency <= billingFrequency()) return Error.CanOnlyIncreaseFrequency();
  BillingFrequency.set(frequency);
  Event.BillingFrequencyChanged(frequency);
  return null;
}

/** Cancels any contract (no owner check), billing what is due: Deleted(CanceledByCollective). */
export function cancel_contract_collective(origin: Origin, contract_id: u64): DispatchError | null {
  if (!origin.isRestricted()) return badOrigin();
  if (!Contracts.exists(contract_id)) return Error.ContractNotExists();
  const c = Contracts.get(contract_id);
  if (c.contract_type.index == RENT && ActiveNodeContracts.get(c.contract_type.RentContract.node_id).length > 0) return Error.NodeHasActiveContracts();
  return cancelAndBill(c, Cause.CanceledByCollective);
}

/**
 * The farmer's extra fee on a node (mUSD per month), set while the node has no contract: a
 * node with a fee is dedicated (rented whole), and its renter pays the fee to the farmer on
 * top of the rent. 0 makes the node shared again.
 */
export function set_dedicated_node_extra_fee(origin: Origin, node_id: u32, extra_fee: u64): DispatchError | null {
  if (!origin.isSigned()) return badOrigin();
  const twin = twinOf(origin.who);
  if (twin == 0) return Error.TwinNotExists();
  if (!Nodes.exists(node_id)) return Error.NodeNotExists();
  const farm_id = Nodes.get(node_id).farm_id;
  if (!Farms.exists(farm_id)) return Error.FarmNotExists();
  if (Farms.get(farm_id).twin_id != twin) return Error.UnauthorizedToSetExtraFee();
  if (ActiveNodeContracts.get(node_id).length > 0 || RentOfNode.exists(node_id)) return Error.NodeHasActiveContracts();
  ExtraFee.set(node_id, extra_fee);
  Event.NodeExtraFeeSet(node_id, extra_fee);
  return null;
}
