/** Fill {port}, {runId}, {principal}, {decision}, {caseDir} in a config string; "{approved}" alone becomes a boolean. */
export type Vars = Record<string, string>;

export function fill(value: unknown, vars: Vars): unknown {
  if (typeof value === 'string') {
    if (value === '{approved}') return vars.decision === 'approve';
    return value.replace(/\{(\w+)\}/g, (m, name: string) => vars[name] ?? m);
  }
  if (Array.isArray(value)) return value.map((v) => fill(v, vars));
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, fill(v, vars)]));
  return value;
}

/** One call to the agent's app, the way its users would make it. */
export async function callApp(call: { method: string; url: string; body: Record<string, unknown> }, vars: Vars, headers: Record<string, string> = {}): Promise<Response> {
  const url = fill(call.url, vars) as string;
  return fetch(url, {
    method: call.method,
    headers: { 'content-type': 'application/json', ...headers },
    ...(call.method === 'GET' ? {} : { body: JSON.stringify(fill(call.body, vars)) }),
    signal: AbortSignal.timeout(10_000),
  });
}
