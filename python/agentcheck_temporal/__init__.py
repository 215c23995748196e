"""agentcheck's temporal-py worker: the agent plan as a Temporal workflow, in the Temporal Python SDK."""
