// Lint rules that guard correctness rather than taste: promises that are never awaited, switches that miss a
// case, loose equality. Formatting is Prettier's (npm run format).
import tseslint from 'typescript-eslint';

export default tseslint.config(
  {
    ignores: ['dist/**', 'node_modules/**', 'data/**', 'coverage/**', '.stryker-tmp/**', 'reports/**', '*.js', '*.mjs'],
  },
  {
    files: ['**/*.ts'],
    extends: [tseslint.configs.recommendedTypeChecked],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': [
        'error',
        { checksVoidReturn: { arguments: false, attributes: false } },
      ],
      '@typescript-eslint/switch-exhaustiveness-check': ['error', { considerDefaultExhaustiveForUnions: true }],
      '@typescript-eslint/await-thenable': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      eqeqeq: ['error', 'always'],
      'no-var': 'error',
      'prefer-const': 'error',
      curly: ['error', 'all'],
    },
  },
  {
    // Not yet typed (issue 12, tooling): supertest types every response body as `any`, so these specs read
    // `res.body.x` unchecked. Type a file's bodies with the response DTOs (`res.body as CaseDto`) and take the file
    // off this list; the list only shrinks, every other file (and every new spec) has the no-unsafe-* rules.
    files: [
      'test/e2e/adoptions-review-check.e2e-spec.ts',
      'test/e2e/adoptions.e2e-spec.ts',
      'test/e2e/audit-chain.e2e-spec.ts',
      'test/e2e/audit-events.e2e-spec.ts',
      'test/e2e/audit-export.e2e-spec.ts',
      'test/e2e/auth-denied.e2e-spec.ts',
      'test/e2e/auth-email.e2e-spec.ts',
      'test/e2e/auth-tokens.e2e-spec.ts',
      'test/e2e/auth.e2e-spec.ts',
      'test/e2e/cases-access.e2e-spec.ts',
      'test/e2e/cases-by-number.e2e-spec.ts',
      'test/e2e/cases-concurrency.e2e-spec.ts',
      'test/e2e/cases.e2e-spec.ts',
      'test/e2e/erasure.e2e-spec.ts',
      'test/e2e/no-server-errors.e2e-spec.ts',
      'test/e2e/notifications.e2e-spec.ts',
      'test/e2e/organizations.e2e-spec.ts',
      'test/e2e/platform.e2e-spec.ts',
      'test/e2e/privacy-logs.e2e-spec.ts',
      'test/e2e/queue-dashboard-workers.e2e-spec.ts',
      'test/e2e/reason-codes.e2e-spec.ts',
      'test/e2e/reminders-operations.e2e-spec.ts',
      'test/e2e/reminders.e2e-spec.ts',
      'test/e2e/reports.e2e-spec.ts',
      'test/e2e/routines-exchange.e2e-spec.ts',
      'test/e2e/routines.e2e-spec.ts',
      'test/e2e/smoke.e2e-spec.ts',
      'test/e2e/users-password-reset.e2e-spec.ts',
      'test/e2e/users.e2e-spec.ts',
      'test/e2e/webhooks.e2e-spec.ts',
      'test/integration/audit-checkpoints.int-spec.ts',
      'test/integration/audit-tampering.int-spec.ts',
      'test/integration/audit-verify-cli.int-spec.ts',
      'test/integration/privacy-scan.int-spec.ts',
      'test/integration/reminders-redis-loss.int-spec.ts',
      'test/integration/seed-demo.int-spec.ts',
    ],
    rules: {
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
    },
  },
);
