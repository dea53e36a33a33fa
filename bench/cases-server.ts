/** The API as the cases benchmark runs it: `node dist/bench/cases-server.js`, configured by the environment, plus the baseline endpoint. */
import 'reflect-metadata';
import { createApp } from '../src/bootstrap/create-app';
import { parseEnvironment } from '../src/config/environment';
import { resolveRuntime } from '../src/config/runtime';
import { BaselineModule } from './cases-baseline';

async function main(): Promise<void> {
  const runtime = await resolveRuntime(parseEnvironment(process.env));
  const app = await createApp(runtime.config, [BaselineModule]);
  await app.listen({ port: runtime.config.http.port, host: runtime.config.http.host });
  process.stdout.write(`Listening on ${await app.getUrl()}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(
    `bench server failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exit(1);
});
