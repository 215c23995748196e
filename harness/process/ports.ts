import { createServer, type AddressInfo } from 'node:net';

/**
 * A port nobody listens on right now, on 127.0.0.1. A server started on it keeps it
 * for its restarts, so clients and workers find it again.
 */
export async function freePort(): Promise<number> {
  const srv = createServer();
  await new Promise<void>((resolve, reject) => srv.once('error', reject).listen(0, '127.0.0.1', resolve));
  const { port } = srv.address() as AddressInfo;
  await new Promise((r) => srv.close(r));
  return port;
}
