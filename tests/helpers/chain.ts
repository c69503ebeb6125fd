import type { TestApp } from './app.ts';

/**
 * For tests of one command's own award flow (propose, approve, decide, revoke): the demo province is given the
 * Ministry's issuing level, so every title the demo campaign names (Bằng khen of the Minister included) is decided
 * in the province rather than forwarded. The chain between commands is tested in tests/integration/chain.test.ts.
 */
export async function provinceDecidesAll(app: Pick<TestApp, 'prisma'>): Promise<void> {
  await app.prisma.unit.update({ where: { code: 'BCHQS-QN' }, data: { commandLevel: 'MINISTRY' } });
}
