// pallet_smart_contract's dispatchables (the implementations live by concern: contracts,
// billing, consensus).
export {
  create_node_contract, update_node_contract, cancel_contract, create_name_contract, add_nru_reports,
  report_contract_resources, create_rent_contract, create_solution_provider, approve_solution_provider, bill_contract_for_block,
} from "./contracts";
export { add_stakeholders, approve_contract, reject_contract, report_workload_state, create_deployment } from "./consensus";
