/** polkadot-js's own console lines (`2026-01-01 10:00:00   RPC-CORE: …`, API/INIT, version warnings): none may reach a tfit user. */
export const POLKADOT_LINE = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}\s+[A-Za-z0-9/_.-]+:|RPC-CORE|API\/INIT|has multiple versions/m;
