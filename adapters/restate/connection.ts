import { CouldNotRunError } from '../../harness/kit.js';
import { reachable } from './admin.js';

// Where the Restate server comes from: started by agentcheck for each case (the
// default), or a server the user already runs, given by its two addresses.

export interface ExternalServer {
  ingressUrl: string;
  adminUrl: string;
}

/** RESTATE_INGRESS_URL and RESTATE_ADMIN_URL, both or neither. */
export function externalServer(env: NodeJS.ProcessEnv = process.env): ExternalServer | undefined {
  const ingressUrl = env.RESTATE_INGRESS_URL?.replace(/\/+$/, '');
  const adminUrl = env.RESTATE_ADMIN_URL?.replace(/\/+$/, '');
  if (!ingressUrl && !adminUrl) return undefined;
  if (!ingressUrl || !adminUrl) throw new CouldNotRunError(`set both RESTATE_INGRESS_URL and RESTATE_ADMIN_URL to use a running restate-server (only ${ingressUrl ? 'RESTATE_INGRESS_URL' : 'RESTATE_ADMIN_URL'} is set)`);
  return { ingressUrl, adminUrl };
}

export async function checkReachable(server: ExternalServer): Promise<void> {
  if (!(await reachable(`${server.adminUrl}/health`))) throw new CouldNotRunError(`restate-server not reachable at RESTATE_ADMIN_URL=${server.adminUrl} (GET /health failed): start it, or unset RESTATE_ADMIN_URL and RESTATE_INGRESS_URL to let agentcheck start one`);
  if (!(await reachable(`${server.ingressUrl}/restate/health`))) throw new CouldNotRunError(`restate-server ingress not reachable at RESTATE_INGRESS_URL=${server.ingressUrl} (GET /restate/health failed): check the address`);
}

/** AGENTCHECK_RESTATE_KEEP_DATA=1 keeps each case's restate-data folder for inspection. */
export const keepData = (env: NodeJS.ProcessEnv = process.env) => env.AGENTCHECK_RESTATE_KEEP_DATA === '1' || env.AGENTCHECK_RESTATE_KEEP_DATA === 'true';
