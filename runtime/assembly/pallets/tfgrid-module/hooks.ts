// What TfgridModule asks of SmartContractModule (TF-Chain's `NodeActiveContracts` trait).
import { SmartContractModule_ActiveNodeContracts as ActiveNodeContracts, SmartContractModule_ActiveRentContractForNode as RentOfNode } from "../../generated/storage";

export function nodeHasActiveContracts(node_id: u32): bool {
  return ActiveNodeContracts.get(node_id).length > 0 || RentOfNode.exists(node_id);
}
