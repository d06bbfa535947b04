// Each farm's DAO vote weight, the sum of its nodes' 2 CU + SU (TF-Chain's Dao implements
// TfgridModule's ChangeNode hooks for this): kept as nodes are created, updated and deleted.
import { Node } from "../../generated/types";
import { Dao_FarmWeight as FarmWeight } from "../../generated/storage";
import { nodeWeight } from "../tfgrid-module/farming";

function sub(farm: u32, w: u64): void {
  const have = FarmWeight.get(farm);
  FarmWeight.set(farm, have > w ? have - w : 0);
}

/** A node was created (`before` null) or updated. */
export function nodeChanged(before: Node | null, after: Node): void {
  if (before !== null) sub(before.farm_id, nodeWeight(before.resources));
  FarmWeight.set(after.farm_id, FarmWeight.get(after.farm_id) + nodeWeight(after.resources));
}

export function nodeRemoved(node: Node): void { sub(node.farm_id, nodeWeight(node.resources)); }
