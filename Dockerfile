# syntax=docker/dockerfile:1
# One image for every Clusterplane service; docker-compose.yml chooses the entry point
# (node dist/apps/<name>/src/main.js) and runs `node scripts/migrate.mjs deploy` once.

ARG NODE_IMAGE=node:20-bookworm-slim

# ── deps: all dependencies, needed to build ─────────────────────────────────────
FROM ${NODE_IMAGE} AS deps
WORKDIR /app
ENV CI=true NX_DAEMON=false NX_NO_CLOUD=true
COPY package.json package-lock.json ./
# npm ci: exactly the lockfile's versions (it holds every platform's optional binaries).
# --ignore-scripts: the postinstall hook generates the Prisma client from sources that
# are not copied yet (the build stage does it), and dependency install hooks would only
# download engine binaries this image never runs. Native modules come as prebuilt
# optional packages, which --ignore-scripts does not affect.
RUN --mount=type=cache,target=/root/.npm npm ci --ignore-scripts --no-audit --no-fund

# ── build: Prisma client + swc compile of apps/ and libs/ to dist/ ─────────────
FROM deps AS build
COPY . .
RUN npm run build

# ── prod-deps: runtime dependencies only ────────────────────────────────────────
FROM ${NODE_IMAGE} AS prod-deps
WORKDIR /app
COPY package.json package-lock.json ./
RUN --mount=type=cache,target=/root/.npm npm ci --omit=dev --ignore-scripts --no-audit --no-fund

# ── runtime ──────────────────────────────────────────────────────────────────────
FROM ${NODE_IMAGE} AS runtime
WORKDIR /app
# The semi-space size: see SERVICE_NODE_FLAGS in scripts/lib/service-runner.mjs.
ENV NODE_ENV=production NODE_OPTIONS="--enable-source-maps --max-semi-space-size=64"
COPY --from=prod-deps /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY package.json ./
# Migrations run from this image: scripts/migrate.mjs applies prisma/migrations with pg.
COPY prisma ./prisma
COPY scripts ./scripts
# scripts/token.mjs keeps development secrets in .local/, so the node user must own it.
RUN mkdir .local && chown node:node .local
USER node
EXPOSE 3000
CMD ["node", "dist/apps/gateway/src/main.js"]
