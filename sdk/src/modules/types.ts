/** Plain objects the domain modules take and return: numbers for ids, bigint for amounts and sizes. */
export interface Resources { hru: bigint; sru: bigint; cru: bigint; mru: bigint }
export interface Location { city: string; country: string; latitude: string; longitude: string }
export interface Interface { name: string; mac: string; ips: string[] }
export interface PublicIp { ip: string; gateway: string; contractId: number }

export interface Twin { id: number; accountId: string; relay: string | null; pk: string | null }
export interface Farm { id: number; name: string; twinId: number; pricingPolicyId: number; publicIps: PublicIp[] }
export interface Node {
  id: number; farmId: number; twinId: number; resources: Resources; location: Location; interfaces: Interface[];
  created: number; secureBoot: boolean; virtualized: boolean; serialNumber: string | null;
}
export interface NodePower { state: 'Up' | 'Down'; downSince: number | null; target: 'Up' | 'Down' }

export type ContractState = { state: 'Created' } | { state: 'GracePeriod'; since: number } | { state: 'Deleted'; cause: string };
export type ContractKind =
  | { kind: 'node'; nodeId: number; deploymentHash: string; deploymentData: string; publicIps: number; publicIpsList: PublicIp[] }
  | { kind: 'name'; name: string }
  | { kind: 'rent'; nodeId: number };
export type Contract = { id: number; twinId: number; solutionProviderId: number | null } & ContractState & ContractKind;

export interface Consensus {
  stakeholders: number[]; threshold: number; approvals: number[];
  rejections: { twinId: number; reason: string }[]; status: 'Pending' | 'Approved' | 'Rejected';
}
export type WorkloadState = { state: 'Deployed' } | { state: 'Running' } | { state: 'Failed'; reason: string };
