FROM node:22.12-slim AS builder
WORKDIR /app
COPY . .
RUN npm ci && npm run build

FROM node:22.12-slim AS prod
COPY --from=buidler /app/dist /app/dist
COPY --from=3 /app/node_modules /app/node_modules
CMD ["node", "/app/dist/index.js"]

FROM prod AS prod
