/** The gateway on a real loopback port (port 0), for clients that speak HTTP themselves; records each request's method. */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createTestGateway, type TestGateway, type TestGatewayOptions } from './helpers.js';

export interface RealServer {
  gw: TestGateway;
  url: string;
  /** Method of every request to /graphql, oldest first. */
  methods: string[];
  /** Every upstream checkout as `<provider>:<providerId>`, from the sandboxes' own seeded data. */
  truth(): Set<string>;
  close(): Promise<void>;
}

export async function startRealServer(options: TestGatewayOptions = {}): Promise<RealServer> {
  const gw = await createTestGateway(options);
  const methods: string[] = [];
  const server: Server = createServer((req, res) => {
    if (req.url?.startsWith('/graphql')) methods.push(req.method ?? '');
    void gw.gateway.app(req, res);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    gw,
    url: `http://127.0.0.1:${port}/graphql`,
    methods,
    truth() {
      const { zenskar, stateset, lemonsqueezy } = gw.sandboxes;
      return new Set([
        ...zenskar.data.sessions.filter((s) => !s.deleted).map((s) => `ZENSKAR:${s.id}`),
        ...stateset.data.checkouts.map((c) => `STATESET:${c.id}`),
        ...lemonsqueezy.data.checkouts.map((c) => `LEMON_SQUEEZY:${c.id}`),
      ]);
    },
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await gw.close();
    },
  };
}
