import { defineConfig } from 'vitest/config';

// Two projects, as in the serverless test samples: `unit` never touches the network;
// `integration` starts real local servers (DynamoDB-compatible, SMTP, SES-compatible) on free ports.
export default defineConfig({
  test: {
    reporters: ['default', './test/support/closing-line-reporter.ts'],
    projects: [
      {
        test: {
          name: 'unit',
          include: [
            'test/unit/**/*.test.ts',
            'test/peer/**/*.test.ts',
            'test/corpus/**/*.test.ts',
            'test/infra/**/*.test.ts',
          ],
          environment: 'node',
        },
      },
      {
        test: {
          name: 'integration',
          include: ['test/integration/**/*.test.ts'],
          environment: 'node',
          testTimeout: 60_000,
          hookTimeout: 60_000,
        },
      },
    ],
  },
});
