"""The demo cooperative's recruitment: the Board's questions and two applications in the queue.

The demo cooperative is already founded (its Board elected), so it has no conveners. Idempotent:
a question found by its text and an application found by its email are left alone."""

from __future__ import annotations

from django.utils.translation import gettext_lazy

from . import services
from .models import Application, ApplicationQuestion

# The labels are written in the active language (`seed_demo --language`).
REASON = gettext_lazy("Demo data")
QUESTIONS = [
    (
        gettext_lazy("What work do you do, or want to learn?"),
        gettext_lazy("A trade, a profession, a skill you bring."),
    ),
    (gettext_lazy("Why do you want to own the business you work in?"), ""),
]
APPLICANTS = [
    (
        "Marta Quispe",
        "marta.quispe@example.org",
        [gettext_lazy("Electrician, ten years."), gettext_lazy("I want a say in how we work.")],
    ),
    (
        "Owen Fairley",
        "owen.fairley@example.org",
        [gettext_lazy("Carpentry apprentice."), gettext_lazy("To build something that lasts.")],
    ),
]


def seed(context) -> None:
    # The Board sets the questions: the demo President does.
    board = context.users.get("president@demo.coop") or context.actor
    texts = [str(text) for text, _hint in QUESTIONS]
    for position, (text, hint) in enumerate(QUESTIONS, start=1):
        if not ApplicationQuestion.objects.filter(text=str(text)).exists():
            services.application_question_create(
                text=str(text), help_text=str(hint), position=position, actor=board, reason=str(REASON)
            )
    questions = list(ApplicationQuestion.objects.filter(text__in=texts).order_by("position"))
    for legal_name, email, answers in APPLICANTS:
        if not Application.objects.filter(email__iexact=email).exists():
            services.application_submit(
                email=email,
                legal_name=legal_name,
                reason=str(REASON),
                answers={q.pk: str(a) for q, a in zip(questions, answers, strict=False)},
            )
