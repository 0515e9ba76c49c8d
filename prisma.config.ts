// Prisma 7 no longer reads the datasource URL from the schema or from `.env`:
// the CLI (generate, studio, db pull) takes it from here. Migrations are applied by
// scripts/migrate.mjs, not by `prisma migrate`, but the paths below keep the
// standard layout so the Prisma CLI and editors find the same files.
import { defineConfig, env } from 'prisma/config';

export default defineConfig({
  schema: 'prisma/schema.prisma',
  migrations: {
    path: 'prisma/migrations',
  },
  datasource: {
    url: env('DATABASE_URL'),
  },
});
