// Công khai is a gate of the decision (src/postings/gate.ts): tests about the decision itself record that the list
// was posted at the province command and that its window is over, with no complaint.
import type { TestApp } from './app.ts';

export async function postedAndClosed(prisma: TestApp['prisma'], proposalId: number): Promise<void> {
  const command = await prisma.unit.findFirstOrThrow({ where: { commandLevel: 'PROVINCE' }, orderBy: { id: 'asc' } });
  await prisma.proposalPosting.create({ data: { proposalId, unitId: command.id, postedOn: new Date('2021-07-01T00:00:00Z'), closesOn: new Date('2021-07-08T00:00:00Z'), place: 'Bảng tin' } });
}
