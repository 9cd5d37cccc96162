"""The directory profile: the Board chooses field by field what is published; only those fields
ever leave; the size is counted from the member register; the alliance keeps the latest profile
of each member, with its history, and sends the directory to every member."""

import json

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from alliance import selectors, services
from alliance.models import DirectoryEntry, DirectoryProfile, MemberCooperative
from federation.models import OutboundMessage
from tests.alliance.conftest import as_alliance, as_cooperative, last_sent, relay
from tests.factories import governance as gf

SECRET_SKILLS = "Welding for the secret project"
SECRET_CONTRACTS = "The contract we do not advertise"


def _profile(board_user, published):
    return services.profile_update(
        values={
            "sector": "Construction",
            "region": "North",
            "skills": SECRET_SKILLS,
            "contracts_sought": SECRET_CONTRACTS,
        },
        published=set(published),
        actor=board_user,
        reason="Our profile",
    )


def _member_of_the_alliance(two, board_user, client, settings):
    as_cooperative(settings)
    services.alliance_join(peer=two.alliance_peer, actor=board_user, reason="Join")
    as_alliance(settings)
    relay(client, last_sent(two.alliance_peer, "alliance.join"), two.cooperative_key)
    services.member_admit(member=MemberCooperative.objects.get(), actor=board_user, reason="Welcome")
    as_cooperative(settings)
    relay(client, last_sent(two.cooperative_peer, "alliance.admitted"), two.alliance_key)


def test_unpublished_fields_never_leave_in_any_payload(two, board_user, client, settings):
    # given a profile whose skills and contracts sought are not published
    _profile(board_user, {"sector", "region", "size"})

    # when the cooperative joins, is admitted and publishes
    _member_of_the_alliance(two, board_user, client, settings)
    services.profile_publish(actor=board_user, reason="Tell the alliance")

    # then no message sent anywhere carries them
    sent = json.dumps(list(OutboundMessage.objects.values_list("payload", flat=True)))
    assert SECRET_SKILLS not in sent and SECRET_CONTRACTS not in sent
    payload = last_sent(two.alliance_peer, "alliance.profile").payload
    assert set(payload["profile"]) == {"sector", "region", "size"}


def test_the_size_is_counted_from_the_member_register_when_published(board_user, cooperative):
    _profile(board_user, {"size"})
    before = selectors.profile_payload(selectors.directory_profile())["size"]
    gf.owner()
    gf.owner(provisional=True)
    assert selectors.profile_payload(selectors.directory_profile()) == {"size": before + 2}


def test_the_choice_of_each_field_is_stored_with_history(board_user):
    profile = _profile(board_user, {"sector"})
    assert profile.published_fields == ["sector"]
    _profile(board_user, {"sector", "skills"})
    profile = DirectoryProfile.objects.get()
    assert profile.published_fields == ["sector", "skills"]
    assert profile.history.count() == 2


def test_an_unknown_field_is_refused_naming_it(board_user):
    with pytest.raises(ValidationError) as refusal:
        services.profile_update(values={}, published={"pay"}, actor=board_user, reason="x")
    assert "published" in refusal.value.message_dict
    assert not DirectoryProfile.objects.exists()


def test_publishing_without_an_alliance_is_refused(board_user, settings):
    as_cooperative(settings)
    _profile(board_user, {"sector"})
    with pytest.raises(ValidationError) as refusal:
        services.profile_publish(actor=board_user, reason="To whom?")
    assert "alliance" in refusal.value.message_dict
    assert not OutboundMessage.objects.exists()


def test_only_the_board_publishes(member_user, auditor_user):
    for actor in (member_user, auditor_user):
        with pytest.raises(PermissionDenied):
            services.profile_publish(actor=actor, reason="Me")
        with pytest.raises(PermissionDenied):
            services.profile_update(values={}, published=set(), actor=actor, reason="Me")


def test_publishing_needs_a_reason(two, board_user, client, settings):
    _member_of_the_alliance(two, board_user, client, settings)
    with pytest.raises(ValidationError) as refusal:
        services.profile_publish(actor=board_user, reason="  ")
    assert "reason" in refusal.value.message_dict


def test_the_alliance_keeps_the_latest_profile_and_sends_the_directory(two, board_user, client, settings):
    # given a member that publishes its sector, then its sector and region
    _member_of_the_alliance(two, board_user, client, settings)
    _profile(board_user, {"sector"})
    services.profile_publish(actor=board_user, reason="First")
    as_alliance(settings)
    assert relay(client, last_sent(two.alliance_peer, "alliance.profile"), two.cooperative_key).status_code == 200
    as_cooperative(settings)
    _profile(board_user, {"sector", "region"})
    services.profile_publish(actor=board_user, reason="Second")
    as_alliance(settings)
    assert relay(client, last_sent(two.alliance_peer, "alliance.profile"), two.cooperative_key).status_code == 200

    # then the alliance keeps the latest, with the one before in its history
    member = MemberCooperative.objects.get()
    assert (member.sector, member.region, member.published_fields) == ("Construction", "North", ["sector", "region"])
    assert member.history.filter(region="").exists()

    # and the directory it sends every member carries only the published fields
    directory = last_sent(two.cooperative_peer, "alliance.directory")
    assert directory.payload["members"] == [
        {"key": member.pk, "name": member.name, "profile": {"sector": "Construction", "region": "North"}}
    ]
    as_cooperative(settings)
    assert relay(client, directory, two.alliance_key).status_code == 200
    entry = DirectoryEntry.objects.get()
    assert entry.shown == [("sector", "Construction"), ("region", "North")]


def test_the_directory_page_shows_only_published_fields(two, board_user, client, member_client, settings):
    _member_of_the_alliance(two, board_user, client, settings)
    _profile(board_user, {"sector"})
    services.profile_publish(actor=board_user, reason="Publish")
    as_alliance(settings)
    relay(client, last_sent(two.alliance_peer, "alliance.profile"), two.cooperative_key)
    as_cooperative(settings)
    relay(client, last_sent(two.cooperative_peer, "alliance.directory"), two.alliance_key)

    page = member_client.get(reverse("alliance:directory"))

    assert page.status_code == 200
    assert "Construction" in page.content.decode()
    assert "North" not in page.content.decode()
    assert SECRET_SKILLS not in page.content.decode()


def _directory_of(two, count: int):
    DirectoryEntry.objects.all().delete()
    for key in range(count):
        DirectoryEntry.objects.create(
            alliance=two.alliance_peer,
            listed_key=key,
            name=f"Cooperative {key}",
            sector="Food",
            published_fields=["sector"],
        )


def test_the_directory_page_runs_a_fixed_number_of_queries(
    two, board_user, client, member_client, settings, django_assert_max_num_queries
):
    _member_of_the_alliance(two, board_user, client, settings)
    url = reverse("alliance:directory")
    _directory_of(two, 2)
    member_client.get(url)  # warms the per-process caches

    with CaptureQueriesContext(connection) as small:
        assert member_client.get(url).status_code == 200
    _directory_of(two, 12)
    with django_assert_max_num_queries(len(small.captured_queries)):
        page = member_client.get(url)
    assert page.content.decode().count("Cooperative 1") >= 3  # 1, 10, 11


def test_the_directory_on_an_alliance_lists_its_admitted_members(two, board_user, client, member_client, settings):
    _member_of_the_alliance(two, board_user, client, settings)
    _profile(board_user, {"region"})
    services.profile_publish(actor=board_user, reason="Publish")
    as_alliance(settings)
    relay(client, last_sent(two.alliance_peer, "alliance.profile"), two.cooperative_key)

    page = member_client.get(reverse("alliance:directory"))

    assert "North" in page.content.decode()
    assert "Construction" not in page.content.decode()
