/** The file `agentcheck agent` reads and `agentcheck init` writes. */
export const CONFIG_FILE = 'agentcheck.config.ts';
