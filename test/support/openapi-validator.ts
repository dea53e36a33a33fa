import { execFile } from 'node:child_process';
import { ROOT } from './child-app';

/**
 * Validates an OpenAPI document with @apidevtools/swagger-parser, independent of the code that wrote it. In a
 * child Node process: the validator's dependencies are ES modules, which Node loads but Jest's module loader
 * does not. Resolves with the validator's complaint, or null for a valid document.
 */
export function openApiComplaint(document: unknown): Promise<string | null> {
  const script = `
    const SwaggerParser = require('@apidevtools/swagger-parser');
    let input = '';
    process.stdin.on('data', (chunk) => (input += chunk));
    process.stdin.on('end', () =>
      SwaggerParser.validate(JSON.parse(input)).then(
        () => process.stdout.write('valid'),
        (error) => process.stdout.write(String(error && error.message)),
      ),
    );`;
  return new Promise((resolve, reject) => {
    const child = execFile(process.execPath, ['-e', script], { cwd: ROOT, timeout: 30_000 }, (error, stdout) => {
      if (error) {
        reject(new Error(`the OpenAPI validator did not run: ${error.message}`));
      } else {
        resolve(stdout === 'valid' ? null : stdout);
      }
    });
    child.stdin?.end(JSON.stringify(document));
  });
}
