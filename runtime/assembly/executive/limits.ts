// Block limits, read from the schema's System constants (one source of truth).
import { System_BlockWeights, System_BlockLength } from "../generated/constants";

export const MAX_BLOCK_WEIGHT: u64 = System_BlockWeights().max_block.ref_time;
export const MAX_BLOCK_LENGTH: u64 = <u64>System_BlockLength().max;
export const NORMAL_RATIO_PERCENT: u64 = 75;
