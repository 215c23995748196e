/**
 * The worker processes of one case seen as an app's replicas behind a load balancer:
 * requests go round-robin to the live ones, so with two workers at once (the
 * second-worker fault) two answers at once reach two processes, as they would in
 * production. A replica that refuses connections is dead (killed by a fault) and is
 * dropped; the request moves on to the next.
 */
export class Replicas {
  private urls: string[] = [];
  private next = 0;

  /** A worker has started and listens here. */
  add(url: string): void {
    this.urls.push(url);
  }

  post(path: string, body: unknown): Promise<Response> {
    return this.request('POST', path, body);
  }

  async request(method: 'GET' | 'POST', path: string, body?: unknown): Promise<Response> {
    for (;;) {
      if (this.urls.length === 0) throw new Error('no worker of this case is listening');
      const url = this.urls[this.next++ % this.urls.length]!;
      try {
        const init = body === undefined ? {} : { body: JSON.stringify(body), headers: { 'content-type': 'application/json' } };
        return await fetch(url + path, { method, ...init, signal: AbortSignal.timeout(2000) });
      } catch (err) {
        if (!refused(err)) throw err;
        this.urls = this.urls.filter((u) => u !== url);
      }
    }
  }
}

/** fetch() failed to connect at all: nothing listens there any more. */
function refused(err: unknown): boolean {
  const cause = (err as { cause?: { code?: string } }).cause;
  return cause?.code === 'ECONNREFUSED';
}
