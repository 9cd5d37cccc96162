"""The demo cooperative's recruitment: the Board's questions and two applications in the queue.

The demo cooperative is already founded (its Board elected), so it has no conveners. Idempotent:
a question found by its text and an application found by its email are left alone."""

from __future__ import annotations

from . import services
from .models import Application, ApplicationQuestion

REASON = "Demo data"
QUESTIONS = [
    ("What work do you do, or want to learn?", "A trade, a profession, a skill you bring."),
    ("Why do you want to own the business you work in?", ""),
]
APPLICANTS = [
    ("Marta Quispe", "marta.quispe@example.org", ["Electrician, ten years.", "I want a say in how we work."]),
    ("Owen Fairley", "owen.fairley@example.org", ["Carpentry apprentice.", "To build something that lasts."]),
]


def seed(context) -> None:
    # The Board sets the questions: the demo President does.
    board = context.users.get("president@demo.coop") or context.actor
    for position, (text, hint) in enumerate(QUESTIONS, start=1):
        if not ApplicationQuestion.objects.filter(text=text).exists():
            services.application_question_create(
                text=text, help_text=hint, position=position, actor=board, reason=REASON
            )
    questions = list(ApplicationQuestion.objects.filter(text__in=[q for q, _h in QUESTIONS]).order_by("position"))
    for legal_name, email, answers in APPLICANTS:
        if not Application.objects.filter(email__iexact=email).exists():
            services.application_submit(
                email=email,
                legal_name=legal_name,
                reason=REASON,
                answers={q.pk: a for q, a in zip(questions, answers, strict=False)},
            )
