// PLACEHOLDER owned by the council feature (issue 11): returns the lines whose secret ballot did not pass at a held
// meeting of the council of `at.unitId`, with the numbers. Until the council feature lands it blocks nothing.
import type { Gate } from '../awards/gates.ts';

export const ballotGate: Gate = async () => [];
