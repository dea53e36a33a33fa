/**
 * Prepares an embedded-mode data directory for the embedded load check (bench/embedded-load.ts and
 * test/e2e/embedded-load.e2e-spec.ts): the demo region (`npm run seed:demo`) and a routine of the demo's social
 * services whose one step is due a few seconds after a case opens, so every case opened under load has an
 * overdue reminder (notifications and a notification.created webhook) within the run.
 *
 *   DATA_DIR=… node dist/bench/embedded-seed.js --password=… --due-after=PT5S   → prints one line of JSON
 */
import 'reflect-metadata';
import { runCli, withDataSource } from '../src/cli/cli-runtime';
import { seedDemo } from '../src/cli/seed-demo';
import { OrganizationType } from '../src/organizations/organization-type';
import { createPublishedRoutine, routineDefinition, routineStep } from '../test/support/routine-fixtures';

export interface EmbeddedSeed {
  organizationId: string;
  routineId: string;
}

const DEMO_COORDINATOR = 'coordinator@demo.samverkan.local';

runCli('Seeding the embedded load check', async (env, args) => {
  const option = (name: string) => args.find((arg) => arg.startsWith(`--${name}=`))?.slice(name.length + 3);
  const password = option('password') ?? 'embedded-load-password';
  const dueAfter = option('due-after') ?? 'PT5S';
  const seed = await withDataSource(env, async (dataSource): Promise<EmbeddedSeed> => {
    await seedDemo(dataSource, password);
    const [coordinator] = await dataSource.query<{ id: string; organization_id: string }[]>(
      `SELECT id, organization_id FROM app_user WHERE email = $1`,
      [DEMO_COORDINATOR],
    );
    const routine = await createPublishedRoutine(
      dataSource,
      { organizationId: coordinator.organization_id, userId: coordinator.id },
      routineDefinition(
        [
          routineStep('report', OrganizationType.SocialServices, {
            dueAfter,
            dueFrom: 'case_start',
            outcomeCodes: ['reported'],
          }),
        ],
        {
          title: 'Embedded load check',
        },
      ),
    );
    return { organizationId: coordinator.organization_id, routineId: routine.id };
  });
  process.stdout.write(`${JSON.stringify(seed)}\n`);
});
