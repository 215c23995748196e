// The few calls agentcheck makes to restate-server's admin API.

async function admin(adminUrl: string, path: string, init: RequestInit = {}): Promise<Response> {
  return fetch(`${adminUrl}${path}`, { ...init, headers: { 'content-type': 'application/json', accept: 'application/json' }, signal: AbortSignal.timeout(10_000) });
}

/** Tell Restate where the worker endpoint is; it discovers the workflow from there. */
export async function registerDeployment(adminUrl: string, uri: string): Promise<string> {
  const res = await admin(adminUrl, '/deployments', { method: 'POST', body: JSON.stringify({ uri, force: true }) });
  const text = await res.text();
  if (!res.ok) throw new Error(`registering ${uri} with ${adminUrl}: HTTP ${res.status} ${text}`);
  return (JSON.parse(text) as { id: string }).id;
}

/** Forget a deployment, so a server the user runs keeps nothing of ours. */
export async function removeDeployment(adminUrl: string, id: string): Promise<void> {
  const res = await admin(adminUrl, `/deployments/${id}?force=true`, { method: 'DELETE' });
  await res.body?.cancel();
}

/** Restate's SQL introspection (sys_invocation, sys_journal, ...). */
export async function query<Row>(adminUrl: string, sql: string): Promise<Row[]> {
  const res = await admin(adminUrl, '/query', { method: 'POST', body: JSON.stringify({ query: sql }) });
  const text = await res.text();
  if (!res.ok) throw new Error(`SQL query on ${adminUrl}: HTTP ${res.status} ${text}`);
  return (JSON.parse(text) as { rows: Row[] }).rows;
}

/** Does a server answer at these addresses? */
export async function reachable(url: string, timeoutMs = 2000): Promise<boolean> {
  try {
    const res = await fetch(url, { signal: AbortSignal.timeout(timeoutMs) });
    await res.body?.cancel();
    return res.ok;
  } catch {
    return false;
  }
}

/** SQL string literal. */
export const sqlText = (s: string) => `'${s.replace(/'/g, "''")}'`;
