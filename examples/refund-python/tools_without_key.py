"""The refund tool as often written first: the same POST, without an idempotency key.
A resumed run refunds again."""
from tools import post


def issue_refund(user_token, call_id, args):
    return post("/v1/refunds", args, {"authorization": f"Bearer {user_token}"})
