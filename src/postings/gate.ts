// PLACEHOLDER owned by the công khai feature (issue 11): blocks while the proposal's posting window is open (or it
// was never posted) and while a complaint on one of its candidates has no answer. Until that feature lands it blocks nothing.
import type { Gate } from '../awards/gates.ts';

export const postingGate: Gate = async () => [];
