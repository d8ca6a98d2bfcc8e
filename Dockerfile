# syntax=docker/dockerfile:1
# One image for the three apps (county, city, province): the role is chosen by the command
# (`node dist/apps/<role>/src/main.js`), so a province runs one image version everywhere.
# Built here, not runnable here: this machine pulls no images (docs/deploy.md).

# --- build: dev dependencies, TypeScript, the desk bundle
FROM node:20-bookworm-slim AS build
WORKDIR /src
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY tsconfig.json tsconfig.base.json tsconfig.build.json nest-cli.json ./
COPY apps ./apps
COPY libs ./libs
COPY proto ./proto
COPY scripts ./scripts
COPY deploy ./deploy
RUN npm run build

# --- prod-deps: only what runs, without compilers or test tools
FROM node:20-bookworm-slim AS prod-deps
WORKDIR /src
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund && npm cache clean --force

# --- runtime: built dist/, prod node_modules, the proto files gRPC loads at run time
FROM node:20-bookworm-slim AS runtime
# MALLOC_*: as APP_PROCESS_ENV (libs/config): two malloc arenas instead of eight per core, and
# large buffers always mapped on their own so that freeing them returns their pages.
ENV NODE_ENV=production \
    HTTP_HOST=0.0.0.0 \
    MALLOC_ARENA_MAX=2 \
    MALLOC_MMAP_THRESHOLD_=131072
WORKDIR /app
COPY --from=prod-deps --chown=node:node /src/node_modules ./node_modules
COPY --from=build --chown=node:node /src/dist ./dist
COPY --from=build --chown=node:node /src/proto ./proto
COPY --from=build --chown=node:node /src/package.json ./package.json
# The image's own unprivileged user (uid 1000): nothing here needs root, and a break-in gets none.
USER node
EXPOSE 3000 50051
# Same heap caps as `npm run start:*` (APP_NODE_ARGS): the limits in deploy/k8s are sized to them.
ENTRYPOINT ["node", "--max-old-space-size=160", "--max-semi-space-size=4"]
CMD ["dist/apps/county/src/main.js"]
HEALTHCHECK --interval=10s --timeout=3s --start-period=60s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+(process.env.HTTP_PORT||3000)+'/health/ready').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
