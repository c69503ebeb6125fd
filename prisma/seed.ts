// npm run db:seed — load the reference-case demo data into the configured database (once).
import { loadConfig } from '../src/config.ts';
import { openDatabase } from '../src/db/index.ts';
import { createLogger } from '../src/logger.ts';
import { seedDemo } from '../src/demo/seed.ts';
import { DEFAULT_DEMO_PASSWORD } from '../src/demo/data.ts';

const config = loadConfig();
const logger = createLogger(config.logLevel);
const db = await openDatabase(config);
try {
  const password = config.demoPassword ?? DEFAULT_DEMO_PASSWORD;
  const seeded = await seedDemo(db.prisma, password);
  logger.info(seeded ? { password: config.demoPassword ? '(DEMO_PASSWORD)' : DEFAULT_DEMO_PASSWORD } : {}, seeded ? 'demo data loaded' : 'database already has users; demo data not loaded');
} finally {
  await db.close();
}
