export { U128 } from "./u128";
export { Reader, MAX_DEPTH } from "./reader";
export { Writer, concatBytes, bytesEqual } from "./writer";
