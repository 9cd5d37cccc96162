from django.urls import path

from .portal import encrypted, encryption, meetings, minutes, petitions, tellers, trustees, views

app_name = "governance"

urlpatterns = [
    path("", views.index, name="index"),
    path("motions/<int:pk>/", views.motion_detail, name="motion"),
    path("motions/<int:pk>/calendar.ics", views.motion_ics, name="motion_ics"),
    path("motions/<int:pk>/ballot/", views.ballot_cast, name="ballot"),
    path("motions/<int:pk>/encrypted-ballot/", views.encrypted_ballot_cast, name="encrypted_ballot"),
    path("motions/<int:pk>/comment/", views.comment_add, name="comment"),
    path("motions/<int:pk>/nominate/", views.nominate, name="nominate"),
    path("motions/<int:pk>/results/", views.results, name="results"),
    path("motions/<int:pk>/board/", encrypted.motion_board, name="board"),
    path("motions/<int:pk>/encryption/", encryption.motion_encryption, name="encryption"),
    path("motions/<int:pk>/election-record.json", encrypted.motion_record, name="record"),
    path("motions/<int:pk>/trustees/<int:index>/", trustees.trustee_page, name="trustee"),
    path("motions/<int:pk>/trustees/<int:index>/election.json", trustees.trustee_election_file, name="trustee_file"),
    path("nominations/", views.nominations, name="nominations"),
    path("nominations/<int:pk>/answer/", views.nomination_answer, name="nomination_answer"),
    path("receipts/", views.receipts, name="receipts"),
    path("proxies/", views.proxies, name="proxies"),
    path("proxies/<int:pk>/revoke/", views.proxy_revoke, name="proxy_revoke"),
    path("meetings/", meetings.meetings, name="meetings"),
    path("meetings/<int:pk>/", meetings.meeting, name="meeting"),
    path("meetings/petitions/", petitions.petitions, name="petitions"),
    path("meetings/petitions/<int:pk>/", petitions.petition, name="petition"),
    path("meetings/<int:pk>/calendar.ics", meetings.meeting_ics, name="meeting_ics"),
    path("meetings/<int:pk>/check-in/", meetings.meeting_check_in, name="meeting_check_in"),
    path("meetings/<int:pk>/chair/", meetings.meeting_chair, name="meeting_chair"),
    path("meetings/<int:pk>/minutes/", minutes.meeting_minutes, name="meeting_minutes"),
    path("meetings/<int:pk>/minutes/draft/", minutes.meeting_minutes_draft, name="meeting_minutes_draft"),
    path("meetings/<int:pk>/minutes/edit/", minutes.meeting_minutes_edit, name="meeting_minutes_edit"),
    path("meetings/<int:pk>/minutes/propose/", minutes.meeting_minutes_propose, name="meeting_minutes_propose"),
    path("meetings/agenda/<int:pk>/open-vote/", meetings.agenda_item_open, name="agenda_item_open"),
    path("meetings/agenda/<int:pk>/speakers/", minutes.agenda_speaker_add, name="agenda_speaker_add"),
    path("meetings/code/<str:token>/", meetings.meeting_code, name="meeting_code"),
    path("meetings/<int:pk>/tellers/", tellers.meeting_tellers, name="meeting_tellers"),
    path("meetings/votes/<int:pk>/paper/", tellers.motion_paper, name="motion_paper"),
    path("meetings/votes/<int:pk>/teller/", tellers.teller_entry, name="teller_entry"),
]
