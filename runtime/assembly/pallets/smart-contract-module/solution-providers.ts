// Solution providers (TF-Chain's solution_provider.rs): a provider registers with the
// accounts that share its take, root approves it, and contract owners name it on their
// contracts (at creation, or once later) so that billing pays it its take.
import { DispatchError, Provider, SolutionProvider, Some_u64 } from "../../generated/types";
import {
  SmartContractModule_Contracts as Contracts, SmartContractModule_SolutionProviders as SolutionProviders,
  SmartContractModule_SolutionProviderID as SolutionProviderID,
} from "../../generated/storage";
import { SmartContractModuleErrors as Error } from "../../generated/errors";
import { SmartContractModuleEvents as Event } from "../../generated/events";
import { Origin } from "../../support/origin";
import { badOrigin } from "../../support/dispatch";
import { twinOf } from "../tfgrid-module/calls";

/** A contract may name only an approved provider: NoSuchSolutionProvider, SolutionProviderNotApproved. */
export function checkSolutionProvider(id: Some_u64 | null): DispatchError | null {
  if (id === null) return null;
  if (!SolutionProviders.exists(id.value)) return Error.NoSuchSolutionProvider();
  if (!SolutionProviders.get(id.value).approved) return Error.SolutionProviderNotApproved();
  return null;
}

export function create_solution_provider(origin: Origin, description: Uint8Array, link: Uint8Array, providers: Array<Provider>): DispatchError | null {
  if (!origin.isSigned()) return badOrigin();
  let take: u32 = 0;
  for (let i = 0; i < providers.length; i++) take += providers[i].take;
  if (take > 50) return Error.InvalidProviderConfiguration();
  const sp = new SolutionProvider();
  sp.solution_provider_id = SolutionProviderID.get() + 1;
  sp.providers = providers;
  sp.description = description;
  sp.link = link;
  SolutionProviders.set(sp.solution_provider_id, sp);
  SolutionProviderID.set(sp.solution_provider_id);
  Event.SolutionProviderCreated(sp);
  return null;
}

export function approve_solution_provider(origin: Origin, solution_provider_id: u64, approve: bool): DispatchError | null {
  if (!origin.isRestricted()) return badOrigin();
  if (!SolutionProviders.exists(solution_provider_id)) return Error.NoSuchSolutionProvider();
  const sp = SolutionProviders.get(solution_provider_id);
  sp.approved = approve;
  SolutionProviders.set(solution_provider_id, sp);
  Event.SolutionProviderApproved(solution_provider_id, approve);
  return null;
}

/** The owner names a provider on a contract that has none; the provider is checked first, as TF-Chain. */
export function attach_solution_provider_id(origin: Origin, contract_id: u64, solution_provider_id: u64): DispatchError | null {
  if (!origin.isSigned()) return badOrigin();
  if (!SolutionProviders.exists(solution_provider_id)) return Error.NoSuchSolutionProvider();
  if (!SolutionProviders.get(solution_provider_id).approved) return Error.SolutionProviderNotApproved();
  if (!Contracts.exists(contract_id)) return Error.ContractNotExists();
  const twin = twinOf(origin.who);
  if (twin == 0) return Error.TwinNotExists();
  const c = Contracts.get(contract_id);
  if (c.twin_id != twin || c.solution_provider_id !== null) return Error.UnauthorizedToChangeSolutionProviderId();
  c.solution_provider_id = new Some_u64(solution_provider_id);
  Contracts.set(contract_id, c);
  Event.ContractUpdated(c);
  return null;
}
