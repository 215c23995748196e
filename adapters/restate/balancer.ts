import { createConnection, createServer, type AddressInfo, type Server, type Socket } from 'node:net';

/**
 * A TCP load balancer in front of the case's worker processes, at the fixed address
 * the deployment is registered with: Restate pins invocations to a deployment's
 * address, so a second replica (the second-worker fault) or a restarted worker must
 * sit behind the same one, as pods behind a Kubernetes Service do. Each connection
 * from restate-server goes to the next live worker; a worker that refuses it is
 * dead and is dropped. When either side closes, so does the other: a killed worker
 * breaks restate-server's connection, as it would without the balancer.
 */
export class Balancer {
  private readonly server: Server;
  readonly url: string;
  private backends: number[] = [];
  private next = 0;
  private readonly open = new Set<Socket>();

  private constructor(server: Server) {
    this.server = server;
    this.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  }

  /** Listen on a free loopback port, kept for the whole case. */
  static async listen(): Promise<Balancer> {
    const server = createServer((client) => balancer.forward(client));
    await new Promise<void>((resolve, reject) => server.once('error', reject).listen(0, '127.0.0.1', resolve));
    const balancer: Balancer = new Balancer(server);
    return balancer;
  }

  /** A worker is up and listens on this loopback port. */
  add(port: number): void {
    this.backends.push(port);
  }

  private forward(client: Socket): void {
    this.open.add(client);
    client.on('close', () => this.open.delete(client));
    client.on('error', () => client.destroy());
    client.pause();
    const attempt = (): void => {
      if (this.backends.length === 0) return void client.destroy();
      const port = this.backends[this.next++ % this.backends.length]!;
      const upstream = createConnection({ port, host: '127.0.0.1' });
      let connected = false;
      upstream.once('connect', () => {
        connected = true;
        this.open.add(upstream);
        upstream.on('close', () => {
          this.open.delete(upstream);
          client.destroy();
        });
        client.on('close', () => upstream.destroy());
        client.pipe(upstream).pipe(client);
        client.resume();
      });
      upstream.on('error', () => {
        if (connected) return void upstream.destroy();
        // Nothing listens there on loopback: that worker is gone. A restarted one adds itself again.
        this.backends = this.backends.filter((p) => p !== port);
        attempt();
      });
    };
    attempt();
  }

  async close(): Promise<void> {
    for (const s of this.open) s.destroy();
    await new Promise((r) => this.server.close(r));
  }
}
