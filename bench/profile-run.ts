// Ad-hoc: drives USERS registrations against BASE (an already running server) and prints timing.
import { registrationScript } from './pipeline.ts';
import { runUserExport } from './pipeline.ts';
const base = process.env.BASE!;
const users = Number(process.env.USERS ?? 50);
const t0 = performance.now();
const rs = await Promise.all(Array.from({ length: users }, (_, i) => runUserExport(base, 1000 + i, registrationScript(1000 + i))));
const s = (performance.now() - t0) / 1000;
const n = rs.reduce((a, r) => a + r.replied, 0);
console.log(`${n} messages in ${s.toFixed(1)} s = ${(n / s).toFixed(0)}/s; errors ${rs.flatMap((r) => r.errors).length}`);
