// What TfgridModule asks of SmartContractModule (TF-Chain's `NodeActiveContracts` and
// `ChangeNode` traits).
import {
  SmartContractModule_ActiveNodeContracts as ActiveNodeContracts, SmartContractModule_ActiveRentContractForNode as RentOfNode,
  SmartContractModule_Contracts as Contracts,
} from "../../generated/storage";
import { Cause } from "../../generated/types";
import { cancelAndBill } from "../smart-contract-module/billing";

export function nodeHasActiveContracts(node_id: u32): bool {
  return ActiveNodeContracts.get(node_id).length > 0 || RentOfNode.exists(node_id);
}

/**
 * A node is being deleted: as TF-Chain's node_deleted, each of its node contracts and then
 * its rent contract is canceled (CanceledByUser) and billed one last time, which pays out
 * what it reserved and removes it. A bill that is refused leaves that contract Deleted, as
 * there.
 */
export function nodeDeleted(node_id: u32): void {
  const active = ActiveNodeContracts.get(node_id);
  for (let i = 0; i < active.length; i++) if (Contracts.exists(active[i])) cancelAndBill(Contracts.get(active[i]), Cause.CanceledByUser);
  if (RentOfNode.exists(node_id) && Contracts.exists(RentOfNode.get(node_id))) cancelAndBill(Contracts.get(RentOfNode.get(node_id)), Cause.CanceledByUser);
}
