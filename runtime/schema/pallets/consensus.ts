import { array, boundedVec, newtype, tuple, u64, u8, type PalletSpec } from '../dsl.js';

export const AuraId = newtype(['sp_consensus_aura', 'sr25519', 'app_sr25519', 'Public'], array(32, u8), 'sr25519::Public');
export const GrandpaId = newtype(['sp_consensus_grandpa', 'app', 'Public'], array(32, u8), 'ed25519::Public');
const Slot = newtype(['sp_consensus_slots', 'Slot'], u64, 'u64');

/** pallet_aura: block authors (from genesis) and the current slot. */
export const Aura: PalletSpec = {
  name: 'Aura',
  index: 12,
  rustPath: 'pallet_aura',
  docs: 'Aura block authorship: the authority set and the current slot.',
  storage: [
    { name: 'Authorities', value: boundedVec(AuraId, 100), modifier: 'Default', docs: 'The current authority set.' },
    { name: 'CurrentSlot', value: Slot, modifier: 'Default', docs: 'The current slot of this block.' },
  ],
};

/** pallet_grandpa: the finality authority set (from genesis). */
export const Grandpa: PalletSpec = {
  name: 'Grandpa',
  index: 13,
  rustPath: 'pallet_grandpa',
  docs: 'GRANDPA finality: the authority set and its id.',
  storage: [
    { name: 'Authorities', value: boundedVec(tuple(GrandpaId, u64), 100), modifier: 'Default', docs: 'The current list of authorities with their weights.' },
    { name: 'CurrentSetId', value: u64, modifier: 'Default', docs: 'The number of changes (both in terms of keys and underlying economic responsibilities) in the "set" of Grandpa validators from genesis.' },
  ],
};
