import Fastify, { type FastifyInstance } from "fastify";
import { z } from "zod";
import type { PrismaClient } from "./generated/prisma/client.js";

const CreateUser = z.object({ email: z.string().email(), name: z.string().optional() });

export function buildApp(prisma: PrismaClient): FastifyInstance {
  const app = Fastify({ logger: false });

  app.get("/", async () => ({ ok: true, service: "prisma-api" }));

  app.get("/health", async () => {
    await prisma.$queryRaw`SELECT 1`;
    return { status: "ok", db: "up" };
  });

  app.get("/users", async () => prisma.user.findMany({ orderBy: { id: "asc" } }));

  app.post("/users", async (req, reply) => {
    const body = CreateUser.safeParse(req.body);
    if (!body.success) return reply.code(400).send({ error: z.prettifyError(body.error) });
    const user = await prisma.user.create({ data: body.data });
    return reply.code(201).send(user);
  });

  app.addHook("onClose", async () => {
    await prisma.$disconnect();
  });
  return app;
}
