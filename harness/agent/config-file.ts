/** The file `agentcheck run` (and `agentcheck agent`) reads when it is in the folder, and `agentcheck init` writes. */
export const CONFIG_FILE = 'agentcheck.config.ts';
