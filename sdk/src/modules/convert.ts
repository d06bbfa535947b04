// polkadot-js codecs → the SDK's plain objects (one place, so every module agrees).
import type {
  PalletTfgridTwin, TfchainSupportFarm, TfchainSupportNode, TfchainSupportNodePower, PalletSmartContractContract,
  PalletSmartContractConsensus, PalletSmartContractWorkloadState, TfchainSupportPublicIP,
} from '@polkadot/types/lookup';
import type { Consensus, Contract, Farm, Node, NodePower, PublicIp, Twin, WorkloadState } from './types.js';

const optText = (o: { isSome: boolean; unwrap(): { toUtf8(): string } }) => (o.isSome ? o.unwrap().toUtf8() : null);

export const publicIp = (p: TfchainSupportPublicIP): PublicIp => ({ ip: p.ip.toUtf8(), gateway: p.gateway.toUtf8(), contractId: p.contractId.toNumber() });

export const twin = (t: PalletTfgridTwin): Twin => ({
  id: t.id.toNumber(), accountId: t.accountId.toString(), relay: optText(t.relay), pk: t.pk.isSome ? t.pk.unwrap().toHex() : null,
});

export const farm = (f: TfchainSupportFarm): Farm => ({
  id: f.id.toNumber(), name: f.name.toUtf8(), twinId: f.twinId.toNumber(), pricingPolicyId: f.pricingPolicyId.toNumber(), publicIps: f.publicIps.map(publicIp),
});

export const node = (n: TfchainSupportNode): Node => ({
  id: n.id.toNumber(), farmId: n.farmId.toNumber(), twinId: n.twinId.toNumber(),
  resources: { hru: n.resources.hru.toBigInt(), sru: n.resources.sru.toBigInt(), cru: n.resources.cru.toBigInt(), mru: n.resources.mru.toBigInt() },
  location: { city: n.location.city.toUtf8(), country: n.location.country.toUtf8(), latitude: n.location.latitude.toUtf8(), longitude: n.location.longitude.toUtf8() },
  interfaces: n.interfaces.map((i) => ({ name: i.name.toUtf8(), mac: i.mac.toUtf8(), ips: i.ips.map((ip) => ip.toUtf8()) })),
  created: n.created.toNumber(), secureBoot: n.secureBoot.isTrue, virtualized: n.virtualized.isTrue, serialNumber: optText(n.serialNumber),
});

export const nodePower = (p: TfchainSupportNodePower): NodePower => ({
  state: p.state.isUp ? 'Up' : 'Down', downSince: p.state.isDown ? p.state.asDown.toNumber() : null, target: p.target.isUp ? 'Up' : 'Down',
});

export function contract(c: PalletSmartContractContract): Contract {
  const base = { id: c.contractId.toNumber(), twinId: c.twinId.toNumber(), solutionProviderId: c.solutionProviderId.isSome ? c.solutionProviderId.unwrap().toNumber() : null };
  const state = c.state.isCreated ? { state: 'Created' as const }
    : c.state.isGracePeriod ? { state: 'GracePeriod' as const, since: c.state.asGracePeriod.toNumber() }
    : { state: 'Deleted' as const, cause: c.state.asDeleted.type };
  const t = c.contractType;
  if (t.isNodeContract) {
    const n = t.asNodeContract;
    return { ...base, ...state, kind: 'node', nodeId: n.nodeId.toNumber(), deploymentHash: n.deploymentHash.toHex(), deploymentData: n.deploymentData.toUtf8(), publicIps: n.publicIps.toNumber(), publicIpsList: n.publicIpsList.map(publicIp) };
  }
  if (t.isNameContract) return { ...base, ...state, kind: 'name', name: t.asNameContract.name.toUtf8() };
  return { ...base, ...state, kind: 'rent', nodeId: t.asRentContract.nodeId.toNumber() };
}

export const consensus = (c: PalletSmartContractConsensus): Consensus => ({
  stakeholders: c.stakeholders.map((x) => x.toNumber()), threshold: c.threshold.toNumber(), approvals: c.approvals.map((x) => x.toNumber()),
  rejections: c.rejections.map((r) => ({ twinId: r.twinId.toNumber(), reason: r.reason.toUtf8() })), status: c.status.type,
});

export const workloadState = (w: PalletSmartContractWorkloadState): WorkloadState =>
  w.isFailed ? { state: 'Failed', reason: w.asFailed.toUtf8() } : { state: w.isDeployed ? 'Deployed' : 'Running' };
