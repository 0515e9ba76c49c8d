import nx from '@nx/eslint-plugin';
import tseslint from 'typescript-eslint';

// Module boundaries: apps import libs and never each other; libs never import apps;
// contracts and domain stay free of infrastructure so they can be reasoned about alone.
export default [
  ...nx.configs['flat/base'],
  ...nx.configs['flat/typescript'],
  { ignores: ['**/dist', '**/node_modules', '**/.local', 'libs/persistence/src/generated/**', '**/*.mjs', '**/*.js'] },
  {
    files: ['**/*.ts'],
    rules: {
      '@nx/enforce-module-boundaries': ['error', {
        enforceBuildableLibDependency: false,
        allow: [],
        depConstraints: [
          { sourceTag: 'type:contracts', onlyDependOnLibsWithTags: ['type:contracts'] },
          { sourceTag: 'type:domain', onlyDependOnLibsWithTags: ['type:contracts', 'type:domain'] },
          { sourceTag: 'type:infra', onlyDependOnLibsWithTags: ['type:contracts', 'type:domain', 'type:infra'] },
          { sourceTag: 'type:testing', onlyDependOnLibsWithTags: ['type:contracts', 'type:domain', 'type:infra'] },
          { sourceTag: 'type:app', onlyDependOnLibsWithTags: ['type:contracts', 'type:domain', 'type:infra'] },
          { sourceTag: 'type:e2e', onlyDependOnLibsWithTags: ['type:contracts', 'type:domain', 'type:infra', 'type:testing'] },
        ],
        // Contracts and domain are pure: no I/O libraries may be reached from them.
        banTransitiveDependencies: false,
      }],
      '@typescript-eslint/no-explicit-any': 'error',
      // Used only where an invariant guarantees the value (e.g. a pipe on a spawned child).
      '@typescript-eslint/no-non-null-assertion': 'off',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-restricted-imports': ['error', { patterns: [{ group: ['../../*'], message: 'Import across folders through a library alias, not a parent-relative path.' }] }],
    },
  },
  {
    files: ['libs/contracts/**/*.ts', 'libs/domain/**/*.ts'],
    ignores: ['**/*.spec.ts'],
    rules: {
      'no-restricted-imports': ['error', { paths: ['pg', 'ioredis', 'bullmq', 'nats', '@prisma/client', '@nestjs/common', '@nestjs/core', 'fastify', 'node:fs', 'node:net', 'node:http'].map((name) => ({ name, message: 'contracts and domain hold no I/O.' })) }],
    },
  },
];
