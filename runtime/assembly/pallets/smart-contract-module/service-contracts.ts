// Service contracts (TF-Chain's service_contract.rs): an agreement between a service twin
// (a solution provider) and a consumer twin, outside any node. Either party opens it; the
// service sets its fees, either sets the metadata; when both are set the agreement is
// ready, and once both approve, the service bills the consumer at most an hour at a time:
// the base fee pro rata plus a variable amount it declares, capped by the variable fee pro
// rata, converted to TFT at the chain's price and paid directly (no reserve, no discount).
// Checks in TF-Chain's order (which differs between calls, as there).
import { DispatchError, ServiceContract, ServiceContractBill, Cause } from "../../generated/types";
import {
  SmartContractModule_ServiceContracts as ServiceContracts, SmartContractModule_ServiceContractID as ServiceContractID,
  TfgridModule_Twins as Twins,
} from "../../generated/storage";
import { SmartContractModuleErrors as Error } from "../../generated/errors";
import { SmartContractModuleEvents as Event } from "../../generated/events";
import { Origin } from "../../support/origin";
import { badOrigin } from "../../support/dispatch";
import { U128 } from "../../codec";
import { twinOf } from "../tfgrid-module/calls";
import { usableBalance, transfer } from "../balances/currency";
import { nowSeconds } from "./store";
import { toTft, mulDivRound } from "./billing";
import { tftPriceMusd } from "../tftprice-module/price";

const CREATED: u8 = 0;
const AGREEMENT_READY: u8 = 1;
const APPROVED_BY_BOTH: u8 = 2;
// runtime/schema/pallets/smart-contract.ts CONTRACT_LIMITS
const MAX_METADATA: i32 = 64;
const MAX_BILL_METADATA: i32 = 50;
const BILLING_REFERENCE_PERIOD: u64 = 3600;
/** mUSD → units USD (10⁻⁷ USD), the unit the pricing code works in. */
const UNITS_PER_MUSD: u64 = 10_000;

function isParty(sc: ServiceContract, twin: u32): bool {
  return twin == sc.service_twin_id || twin == sc.consumer_twin_id;
}

/** The caller's twin, the contract, and that the caller is a party: TwinNotExists, ServiceContractNotExists, TwinNotAuthorized. */
function checkParty(origin: Origin, id: u64, serviceOnly: bool): DispatchError | null {
  const twin = twinOf(origin.who);
  if (twin == 0) return Error.TwinNotExists();
  if (!ServiceContracts.exists(id)) return Error.ServiceContractNotExists();
  const sc = ServiceContracts.get(id);
  if (serviceOnly ? twin != sc.service_twin_id : !isParty(sc, twin)) return Error.TwinNotAuthorized();
  return null;
}

export function service_contract_create(origin: Origin, service_account: Uint8Array, consumer_account: Uint8Array): DispatchError | null {
  if (!origin.isSigned()) return badOrigin();
  const caller = twinOf(origin.who);
  if (caller == 0) return Error.TwinNotExists();
  const service = twinOf(service_account);
  if (service == 0) return Error.TwinNotExists();
  const consumer = twinOf(consumer_account);
  if (consumer == 0) return Error.TwinNotExists();
  if (caller != service && caller != consumer) return Error.TwinNotAuthorized();
  if (service == consumer) return Error.ServiceContractCreationNotAllowed();
  const sc = new ServiceContract();
  sc.service_contract_id = ServiceContractID.get() + 1;
  sc.service_twin_id = service;
  sc.consumer_twin_id = consumer;
  sc.state = CREATED;
  ServiceContracts.set(sc.service_contract_id, sc);
  ServiceContractID.set(sc.service_contract_id);
  Event.ServiceContractCreated(sc);
  return null;
}

export function service_contract_set_metadata(origin: Origin, service_contract_id: u64, metadata: Uint8Array): DispatchError | null {
  if (!origin.isSigned()) return badOrigin();
  const refused = checkParty(origin, service_contract_id, false);
  if (refused !== null) return refused;
  const sc = ServiceContracts.get(service_contract_id);
  if (sc.state == APPROVED_BY_BOTH) return Error.ServiceContractModificationNotAllowed();
  if (metadata.length > MAX_METADATA) return Error.ServiceContractMetadataTooLong();
  sc.metadata = metadata;
  // as TF-Chain: ready once the base fee is set (even if this metadata is empty)
  if (sc.base_fee != 0) sc.state = AGREEMENT_READY;
  ServiceContracts.set(service_contract_id, sc);
  Event.ServiceContractMetadataSet(sc);
  return null;
}

export function service_contract_set_fees(origin: Origin, service_contract_id: u64, base_fee: u64, variable_fee: u64): DispatchError | null {
  if (!origin.isSigned()) return badOrigin();
  const refused = checkParty(origin, service_contract_id, true);
  if (refused !== null) return refused;
  const sc = ServiceContracts.get(service_contract_id);
  if (sc.state == APPROVED_BY_BOTH) return Error.ServiceContractModificationNotAllowed();
  sc.base_fee = base_fee;
  sc.variable_fee = variable_fee;
  // as TF-Chain: ready once metadata is set (even if this base fee is 0)
  if (sc.metadata.length > 0) sc.state = AGREEMENT_READY;
  ServiceContracts.set(service_contract_id, sc);
  Event.ServiceContractFeesSet(sc);
  return null;
}

export function service_contract_approve(origin: Origin, service_contract_id: u64): DispatchError | null {
  if (!origin.isSigned()) return badOrigin();
  const twin = twinOf(origin.who);
  if (twin == 0) return Error.TwinNotExists();
  if (!ServiceContracts.exists(service_contract_id)) return Error.ServiceContractNotExists();
  const sc = ServiceContracts.get(service_contract_id);
  // the state before the party, as TF-Chain
  if (sc.state != AGREEMENT_READY) return Error.ServiceContractApprovalNotAllowed();
  if (twin == sc.service_twin_id) sc.accepted_by_service = true;
  else if (twin == sc.consumer_twin_id) sc.accepted_by_consumer = true;
  else return Error.TwinNotAuthorized();
  if (sc.accepted_by_service && sc.accepted_by_consumer) {
    sc.state = APPROVED_BY_BOTH;
    sc.last_bill = nowSeconds();
  }
  ServiceContracts.set(service_contract_id, sc);
  Event.ServiceContractApproved(sc);
  return null;
}

function cancel(origin: Origin, id: u64, cause: u8): DispatchError | null {
  const refused = checkParty(origin, id, false);
  if (refused !== null) return refused;
  ServiceContracts.remove(id);
  Event.ServiceContractCanceled(id, cause);
  return null;
}

export function service_contract_reject(origin: Origin, service_contract_id: u64): DispatchError | null {
  if (!origin.isSigned()) return badOrigin();
  // the contract and its state before the caller's twin, as TF-Chain
  if (!ServiceContracts.exists(service_contract_id)) return Error.ServiceContractNotExists();
  if (ServiceContracts.get(service_contract_id).state != AGREEMENT_READY) return Error.ServiceContractRejectionNotAllowed();
  return cancel(origin, service_contract_id, Cause.CanceledByUser);
}

/** Either party, in any state; nothing is billed. */
export function service_contract_cancel(origin: Origin, service_contract_id: u64): DispatchError | null {
  if (!origin.isSigned()) return badOrigin();
  return cancel(origin, service_contract_id, Cause.CanceledByUser);
}

/** TFT units a bill costs at `price`: base_fee × window / 3600 + variable_amount, in mUSD (TF-Chain's calculate_bill_cost_tft, no discount). */
function billCostTft(sc: ServiceContract, bill: ServiceContractBill, price: u32): U128 {
  const base = mulDivRound(sc.base_fee, bill.window * UNITS_PER_MUSD, BILLING_REFERENCE_PERIOD);
  const variable = mulDivRound(bill.variable_amount, UNITS_PER_MUSD, 1);
  const unitsUsd = u64.MAX_VALUE - base < variable ? u64.MAX_VALUE : base + variable;
  return U128.fromU64(unitsUsd == 0 ? 0 : toTft(unitsUsd, price));
}

export function service_contract_bill(origin: Origin, service_contract_id: u64, variable_amount: u64, metadata: Uint8Array): DispatchError | null {
  if (!origin.isSigned()) return badOrigin();
  const refused = checkParty(origin, service_contract_id, true);
  if (refused !== null) return refused;
  const sc = ServiceContracts.get(service_contract_id);
  if (sc.state != APPROVED_BY_BOTH) return Error.ServiceContractBillingNotApprovedByBoth();
  const now = nowSeconds();
  // time beyond an hour since the last bill is not billed (TF-Chain caps, it does not refuse)
  const elapsed = now > sc.last_bill ? now - sc.last_bill : 0;
  const window = elapsed < BILLING_REFERENCE_PERIOD ? elapsed : BILLING_REFERENCE_PERIOD;
  if (variable_amount > mulDivRound(sc.variable_fee, window, BILLING_REFERENCE_PERIOD)) return Error.ServiceContractBillingVariableAmountTooHigh();
  if (metadata.length > MAX_BILL_METADATA) return Error.ServiceContractBillMetadataTooLong();
  const bill = new ServiceContractBill();
  bill.variable_amount = variable_amount;
  bill.window = window;
  bill.metadata = metadata;
  const price = tftPriceMusd();
  if (price == 0) return Error.TFTPriceValueError();
  const amount = billCostTft(sc, bill, price);
  if (!Twins.exists(sc.service_twin_id) || !Twins.exists(sc.consumer_twin_id)) return Error.TwinNotExists();
  const consumer = Twins.get(sc.consumer_twin_id).account_id;
  // TF-Chain cancels for OutOfFunds here, then fails, which rolls the cancel back: the contract stays
  if (usableBalance(consumer).lt(amount)) return Error.ServiceContractNotEnoughFundsToPayBill();
  const paid = transfer(consumer, Twins.get(sc.service_twin_id).account_id, amount, true);
  if (paid !== null) return paid;
  sc.last_bill = now;
  ServiceContracts.set(service_contract_id, sc);
  Event.ServiceContractBilled(sc, bill, amount);
  return null;
}
