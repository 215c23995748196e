"""LangGraph (Python) under agentcheck: the langgraph-py adapters' worker app."""
