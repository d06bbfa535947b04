/**
 * tfit SDK: typed transactions that never hang, typed errors and events, concurrent
 * nonces. Import the runtime's generated types with it (they augment @polkadot/api).
 */
import './interfaces/augment.js';

export { connect, TfitClient, type ClientOptions } from './client.js';
export { submit, feePaid, dispatchErrorOf, type SubmitOptions, type Submitted, type Tx, type SubmitContext } from './submit.js';
export { submitBatch, BatchInterruptedError, type BatchOptions, type BatchResult } from './batch.js';
export { watchEvents, type EventFilter, type WatchedEvent } from './events.js';
export { NonceManager, type Reservation } from './nonces.js';
export type { ModuleErrorNames } from './interfaces/error-names.js';
export { signerFromUri, type TxSigner, type KeyType } from './signer.js';
export { silentLogger, type Logger } from './logger.js';
export { routePolkadotConsole } from './console-router.js';
export {
  TfitError, ModuleError, DispatchFailure, InvalidTransactionError, DroppedError, UsurpedError, TimeoutError, ConnectionError,
  invalidKind, type Inclusion, type InvalidKind, type Pallet, type ErrorName,
} from './errors.js';

// domain modules: plain objects in and out
export * as grid from './modules/grid.js';
export * as contracts from './modules/contracts.js';
export * as stakeholders from './modules/stakeholders.js';
export * as kv from './modules/kv.js';
export * as balances from './modules/balances.js';
export type * from './modules/types.js';

// workload definitions and deployments
export * as workload from './workload/index.js';
export { putContent, getContent, ContentStoreError } from './content.js';
export * as sealed from './secrets.js';
export { estimateCost, computeUnits, storageUnits, type CostEstimate } from './pricing.js';
// the catalog: signed definitions anchored in TFKVStore, verified on every read
export * as catalog from './catalog.js';
export { CatalogError, type CatalogEntry, type CatalogErrorKind, type SearchQuery } from './catalog.js';
export {
  Orchestrator, DeploymentFailedError, type Requirements, type DeployOptions, type DeployStep, type DeploymentStatus,
} from './orchestrator.js';
export { NotEnoughCapacityError, candidates, type Placement, type Candidate } from './placement.js';
export { readRecord, readRecords, readMoves, type DeploymentRecord, type DeploymentPhase, type MoveRecord, type Healing } from './notary.js';
export { HealingAgent, type AgentOptions, type AgentEvent } from './agent.js';
