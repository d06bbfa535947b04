// Core_version's answer is System's `Version` constant: one definition in the schema.
import { System_Version_bytes } from "../generated/constants";

export function versionBytes(): Uint8Array { return System_Version_bytes(); }
