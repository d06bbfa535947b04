// What TfgridModule asks of SmartContractModule and Dao (TF-Chain's `NodeActiveContracts`
// and `ChangeNode` traits).
import {
  SmartContractModule_ActiveNodeContracts as ActiveNodeContracts, SmartContractModule_ActiveRentContractForNode as RentOfNode,
  SmartContractModule_Contracts as Contracts,
} from "../../generated/storage";
import { Cause, Node } from "../../generated/types";
import { cancelAndBill, restartBillingClock } from "../smart-contract-module/billing";
import { nodeChanged, nodeRemoved } from "../dao/farm-weight";

/** A node was created (`before` null) or updated: its farm's DAO vote weight follows. */
export function nodeStored(before: Node | null, after: Node): void { nodeChanged(before, after); }

/** A node's power state changed: back up, its rent contract's billing clock restarts, so the standby is not billed (TF-Chain's node_power_state_changed). */
export function nodePowerStateChanged(node_id: u32, up: bool): void {
  if (up && RentOfNode.exists(node_id)) restartBillingClock(RentOfNode.get(node_id));
}

export function nodeHasActiveContracts(node_id: u32): bool {
  return ActiveNodeContracts.get(node_id).length > 0 || RentOfNode.exists(node_id);
}

/**
 * A node is being deleted: as TF-Chain's node_deleted, each of its node contracts and then
 * its rent contract is canceled (CanceledByUser) and billed one last time, which pays out
 * what it reserved and removes it. A bill that is refused leaves that contract Deleted, as
 * there.
 */
export function nodeDeleted(node: Node): void {
  const node_id = node.id;
  const active = ActiveNodeContracts.get(node_id);
  for (let i = 0; i < active.length; i++) if (Contracts.exists(active[i])) cancelAndBill(Contracts.get(active[i]), Cause.CanceledByUser);
  if (RentOfNode.exists(node_id) && Contracts.exists(RentOfNode.get(node_id))) cancelAndBill(Contracts.get(RentOfNode.get(node_id)), Cause.CanceledByUser);
  nodeRemoved(node);
}
