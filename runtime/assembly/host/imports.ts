// Substrate host functions (module `env`), with the exact names and signatures the
// executor links. Pointer-size values are i64 `(len << 32) | ptr`.

@external("env", "ext_storage_get_version_1")
export declare function ext_storage_get(key: i64): i64;
@external("env", "ext_storage_set_version_1")
export declare function ext_storage_set(key: i64, value: i64): void;
@external("env", "ext_storage_clear_version_1")
export declare function ext_storage_clear(key: i64): void;
@external("env", "ext_storage_exists_version_1")
export declare function ext_storage_exists(key: i64): i32;
@external("env", "ext_storage_append_version_1")
export declare function ext_storage_append(key: i64, value: i64): void;
@external("env", "ext_storage_clear_prefix_version_2")
export declare function ext_storage_clear_prefix(prefix: i64, limit: i64): i64;
@external("env", "ext_storage_next_key_version_1")
export declare function ext_storage_next_key(key: i64): i64;
@external("env", "ext_storage_root_version_2")
export declare function ext_storage_root(version: i32): i64;
@external("env", "ext_storage_start_transaction_version_1")
export declare function ext_storage_start_transaction(): void;
@external("env", "ext_storage_rollback_transaction_version_1")
export declare function ext_storage_rollback_transaction(): void;
@external("env", "ext_storage_commit_transaction_version_1")
export declare function ext_storage_commit_transaction(): void;

@external("env", "ext_hashing_blake2_256_version_1")
export declare function ext_hashing_blake2_256(data: i64): i32;
@external("env", "ext_hashing_blake2_128_version_1")
export declare function ext_hashing_blake2_128(data: i64): i32;
@external("env", "ext_hashing_twox_128_version_1")
export declare function ext_hashing_twox_128(data: i64): i32;
@external("env", "ext_hashing_twox_64_version_1")
export declare function ext_hashing_twox_64(data: i64): i32;

@external("env", "ext_crypto_sr25519_verify_version_2")
export declare function ext_crypto_sr25519_verify(sig: i32, msg: i64, key: i32): i32;
@external("env", "ext_crypto_ed25519_verify_version_1")
export declare function ext_crypto_ed25519_verify(sig: i32, msg: i64, key: i32): i32;

@external("env", "ext_trie_blake2_256_ordered_root_version_2")
export declare function ext_trie_blake2_256_ordered_root(input: i64, version: i32): i32;

@external("env", "ext_misc_runtime_version_version_1")
export declare function ext_misc_runtime_version(code: i64): i64;

@external("env", "ext_logging_log_version_1")
export declare function ext_logging_log(level: i32, target: i64, message: i64): void;
@external("env", "ext_logging_max_level_version_1")
export declare function ext_logging_max_level(): i32;
