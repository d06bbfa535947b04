// pallet_smart_contract's dispatchables (the implementations live by concern: contracts,
// service contracts, solution providers, administration, billing, consensus).
export {
  create_node_contract, update_node_contract, cancel_contract, create_name_contract, add_nru_reports,
  report_contract_resources, create_rent_contract, bill_contract_for_block,
} from "./contracts";
export { create_solution_provider, approve_solution_provider, attach_solution_provider_id } from "./solution-providers";
export {
  service_contract_create, service_contract_set_metadata, service_contract_set_fees, service_contract_approve,
  service_contract_reject, service_contract_cancel, service_contract_bill,
} from "./service-contracts";
export { change_billing_frequency, cancel_contract_collective, set_dedicated_node_extra_fee } from "./admin";
export { add_stakeholders, approve_contract, reject_contract, report_workload_state, create_deployment, move_contract } from "./consensus";
