"""Every write of federation: peers (register, approve, suspend, resume, remove), messages sent
through the outbox, and messages received at the inbox."""

from .inbox import Answer, hello_apply, inbox_receive
from .messages import message_deliver, message_send, messages_deliver_due
from .peers import peer_approve, peer_hello_send, peer_register, peer_remove, peer_resume, peer_suspend

__all__ = [
    "Answer",
    "hello_apply",
    "inbox_receive",
    "message_deliver",
    "message_send",
    "messages_deliver_due",
    "peer_approve",
    "peer_hello_send",
    "peer_register",
    "peer_remove",
    "peer_resume",
    "peer_suspend",
]
