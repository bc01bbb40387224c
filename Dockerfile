# The hashpulse server with its built dashboard (docker-compose.yml builds it). The build stage
# compiles the TypeScript packages and the dashboard; the runtime stage holds production
# dependencies, compiled JavaScript, the dashboard and the demo data only (no tests, benches, docs
# or TypeScript tooling) and runs as the unprivileged `node` user.
FROM node:20-bookworm-slim AS build
# node-gyp's toolchain for the native JSON parser (packages/fast-json); the runtime stage needs none.
RUN apt-get update && apt-get install -y --no-install-recommends python3 make g++ \
  && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY package.json package-lock.json ./
COPY packages/engine/package.json packages/engine/
COPY packages/fast-json/package.json packages/fast-json/
COPY packages/tweets/package.json packages/tweets/
COPY packages/protocol/package.json packages/protocol/
COPY apps/server/package.json apps/server/
COPY apps/web/package.json apps/web/
RUN npm ci --no-audit --no-fund
COPY tsconfig.base.json tsconfig.build.json ./
COPY packages packages
COPY apps apps
RUN npm run build

FROM node:20-bookworm-slim AS runtime
ENV NODE_ENV=production HOST=0.0.0.0 PORT=3000
WORKDIR /app
# Production dependencies of the engine, tweets, protocol and server only: the dashboard's are
# bundled into apps/web/dist, so its workspace is left out.
COPY package.json package-lock.json ./
COPY packages/engine/package.json packages/engine/
COPY packages/fast-json/package.json packages/fast-json/
COPY packages/tweets/package.json packages/tweets/
COPY packages/protocol/package.json packages/protocol/
COPY apps/server/package.json apps/server/
# bin/ before the install, so npm links `hashpulse` into node_modules/.bin (`npx hashpulse` works).
COPY apps/server/bin apps/server/bin
RUN npm ci --omit=dev --no-audit --no-fund && npm cache clean --force
COPY --from=build /app/packages/engine/dist packages/engine/dist
COPY --from=build /app/packages/fast-json/dist packages/fast-json/dist
COPY --from=build /app/packages/fast-json/native/build/Release/member_parser.node packages/fast-json/native/build/Release/
# member_parser.node holds simdjson's code: its licence travels with it.
COPY packages/fast-json/native/simdjson-LICENSE packages/fast-json/native/
COPY --from=build /app/packages/tweets/dist packages/tweets/dist
COPY --from=build /app/packages/protocol/dist packages/protocol/dist
COPY --from=build /app/apps/server/dist apps/server/dist
COPY --from=build /app/apps/web/dist apps/web/dist
COPY data/demo data/demo
# The state directory (resume after a restart) must be writable by the user the server runs as.
RUN mkdir -p .hashpulse/state && chown -R node:node .hashpulse
USER node
EXPOSE 3000
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
  CMD ["node", "-e", "fetch(`http://127.0.0.1:${process.env.PORT}/api/health`).then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
CMD ["node", "--max-semi-space-size=64", "--min-semi-space-size=64", "apps/server/dist/main.js"]
