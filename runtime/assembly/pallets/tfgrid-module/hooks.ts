// What TfgridModule asks of SmartContractModule (TF-Chain's `NodeActiveContracts` trait).
// No contract pallet is in the runtime yet, so no node can have an active contract.
export function nodeHasActiveContracts(node_id: u32): bool {
  return false;
}
