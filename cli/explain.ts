/**
 * Turns a failure into what the user reads: which account, which call, why, and the command
 * that fixes it. Commands say what they are about to do with `doing(account, call)`.
 */
import { ConnectionError, DispatchFailure, InvalidTransactionError, ModuleError, TimeoutError } from '@tfit/sdk';

let current: { account?: string; call?: string } = {};

/** Records the account and call the next failure is about. */
export function doing(account: string | undefined, call: string): void {
  current = { account, call };
}

const fundHint = (account: string) => `fund it: \`tfit transfer --key //Alice --to ${account} --amount 100\` (on a dev chain; elsewhere from any funded key)`;

const MODULE_REMEDIES: Record<string, (account: string) => string> = {
  'tfgridModule.TwinNotExists': (a) => `${a} has no twin yet: \`tfit twin create --key <its key>\``,
  'tfgridModule.TwinWithPubkeyExists': (a) => `${a} already has a twin: \`tfit twin show --address ${a}\``,
  'tfgridModule.UserDidNotSignTermsAndConditions': (a) => `${a} must accept the terms first: \`tfit twin create --key <its key>\` does both`,
  'tfgridModule.FarmExists': () => 'pick another farm name',
  'tfgridModule.FarmNotExists': () => 'list farms with `tfit nodes`, or create one with `tfit farm create NAME --key KEY`',
  'smartContractModule.ContractNotExists': () => 'check the id with `tfit status ID --key KEY`',
  'smartContractModule.NotAStakeholder': (a) => `${a} is not a stakeholder of this deployment: approve with the key of a twin listed in --stakeholders`,
  'balances.InsufficientBalance': (a) => `${a} has too little free TFT: ${fundHint(a)}`,
  'smartContractModule.AlreadyVoted': () => 'this twin has voted already: `tfit status ID --key KEY` shows the consensus',
};

export function explain(e: Error): string {
  const who = current.account ?? 'the account';
  const what = current.call ? `${current.call} by ${who}` : 'the request';
  if (e instanceof InvalidTransactionError) {
    if (e.kind === 'payment') return `${who} cannot pay the fee for ${current.call ?? 'this call'}: ${fundHint(who)}`;
    if (e.kind === 'badProof') return `the chain refused the signature of ${what}: is --endpoint the chain the key's transaction was signed for?`;
    return `the chain refused ${what}: ${e.message}`;
  }
  if (e instanceof ModuleError) {
    const remedy = MODULE_REMEDIES[`${e.pallet}.${String(e.error)}`];
    return `${what} failed: ${e.message}${remedy ? `\n  → ${remedy(who)}` : ''}`;
  }
  if (e instanceof DispatchFailure) {
    const remedy = e.kind === 'BadOrigin' ? `${who} may not make this call` : e.kind === 'Token' ? `${who} lacks the funds: ${fundHint(who)}` : undefined;
    return `${what} failed: ${e.message}${remedy ? `\n  → ${remedy}` : ''}`;
  }
  if (e instanceof ConnectionError) return `${e.message}\n  → is a chain running there? Start one with \`tfit chain\`, or point --endpoint at one`;
  if (e instanceof TimeoutError) return `${what}: ${e.message}; it may still land: check with \`tfit status\` or \`tfit balance\``;
  return e.message;
}
