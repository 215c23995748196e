// Loaded with `--import` into every Node process of a run while AGENTCHECK_RUNTIME_MODULES
// is set (the CLI puts it into NODE_OPTIONS), so workers resolve the pinned packages too.
import { redirectRuntimeModules } from './redirect.js';

redirectRuntimeModules();
