"""The Board reads a decrypted encrypted vote's counts in the admin by choice, as the result counts
them, not as the stored list of numbers."""

from django.urls import reverse

from governance import services
from tests.clients import logged_in

from . import world


def test_the_admin_names_each_choice_with_its_decrypted_count(board, owners, trustees):
    motion, election, keys = world.ready(proposer=owners[0], board=board, trustees=trustees)
    world.cast(motion, election, owners[1], [1, 0])
    world.cast(motion, election, owners[2], [0, 1])
    world.cast(motion, election, owners[3], [1, 0])
    services.motion_close(motion=motion, actor=board, reason="close")
    world.decrypt(election, keys, (1, 2), board)
    response = logged_in(board).get(reverse("admin:governance_encryptedelection_change", args=[election.pk]))
    assert response.status_code == 200
    labels = [choice.label for choice in motion.choices.order_by("position")][:2]
    assert f"{labels[0]}: 2, {labels[1]}: 1" in response.content.decode()
