# End-to-end verifiable secret votes: the encrypted election, its trustees, sealed shares, voter ids,
# encrypted ballots on the board and partial decryptions. Self-contained: it touches no existing table.

import coop.transitions
import django.db.models.deletion
import django.utils.timezone
import simple_history.models
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('governance', '0013_counting_rules'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name='EncryptedElection',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('manifest', models.JSONField(verbose_name='election description')),
                ('threshold', models.PositiveSmallIntegerField(verbose_name='trustees needed to decrypt')),
                ('status', models.CharField(choices=[('ceremony', 'Key ceremony'), ('ready', 'Ready'), ('closed', 'Closed, awaiting the trustees'), ('decrypted', 'Decrypted')], default='ceremony', max_length=16, verbose_name='status')),
                ('public_key', models.CharField(blank=True, max_length=64, verbose_name='public key')),
                ('election_hash', models.CharField(blank=True, max_length=64, verbose_name='election hash')),
                ('roll_hash', models.CharField(blank=True, max_length=64, verbose_name='roll hash')),
                ('board_genesis', models.CharField(blank=True, max_length=64, verbose_name='board genesis')),
                ('board_head', models.CharField(blank=True, max_length=64, verbose_name='board head')),
                ('weight_scale', models.PositiveIntegerField(default=1, help_text='The frozen weights times this number are whole: the weights the ballots are counted with.', verbose_name='weight scale')),
                ('totals', models.JSONField(blank=True, default=list, verbose_name='encrypted totals')),
                ('counts', models.JSONField(blank=True, default=list, verbose_name='decrypted counts')),
                ('record', models.JSONField(blank=True, null=True, verbose_name='election record')),
                ('created_at', models.DateTimeField(default=django.utils.timezone.now, verbose_name='created at')),
                ('motion', models.OneToOneField(on_delete=django.db.models.deletion.PROTECT, related_name='encrypted_election', to='governance.motion', verbose_name='motion')),
            ],
            options={
                'verbose_name': 'encrypted vote',
                'verbose_name_plural': 'encrypted votes',
            },
            bases=(coop.transitions.TransitionsMixin, models.Model),
        ),
        migrations.CreateModel(
            name='EncryptedBallot',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('voter_id', models.CharField(max_length=64, verbose_name='voter id')),
                ('ballot', models.JSONField(verbose_name='encrypted ballot')),
                ('tracking_code', models.CharField(max_length=64, unique=True, verbose_name='tracking code')),
                ('position', models.PositiveIntegerField(verbose_name='position on the board')),
                ('chain_hash', models.CharField(max_length=64, verbose_name='chain hash')),
                ('election', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='ballots', to='governance.encryptedelection', verbose_name='election')),
            ],
            options={
                'verbose_name': 'encrypted ballot',
                'verbose_name_plural': 'encrypted ballots',
                'ordering': ['election', 'position'],
            },
        ),
        migrations.CreateModel(
            name='EncryptedVoter',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('voter_id', models.CharField(max_length=64, verbose_name='voter id')),
                ('weight', models.PositiveBigIntegerField(verbose_name='weight')),
                ('election', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='voters', to='governance.encryptedelection', verbose_name='election')),
                ('roll_entry', models.OneToOneField(on_delete=django.db.models.deletion.PROTECT, related_name='encrypted_voter', to='governance.rollentry', verbose_name='roll entry')),
            ],
            options={
                'verbose_name': 'voter id',
                'verbose_name_plural': 'voter ids',
            },
        ),
        migrations.CreateModel(
            name='HistoricalEncryptedElection',
            fields=[
                ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                ('threshold', models.PositiveSmallIntegerField(verbose_name='trustees needed to decrypt')),
                ('status', models.CharField(choices=[('ceremony', 'Key ceremony'), ('ready', 'Ready'), ('closed', 'Closed, awaiting the trustees'), ('decrypted', 'Decrypted')], default='ceremony', max_length=16, verbose_name='status')),
                ('public_key', models.CharField(blank=True, max_length=64, verbose_name='public key')),
                ('election_hash', models.CharField(blank=True, max_length=64, verbose_name='election hash')),
                ('roll_hash', models.CharField(blank=True, max_length=64, verbose_name='roll hash')),
                ('board_genesis', models.CharField(blank=True, max_length=64, verbose_name='board genesis')),
                ('board_head', models.CharField(blank=True, max_length=64, verbose_name='board head')),
                ('weight_scale', models.PositiveIntegerField(default=1, help_text='The frozen weights times this number are whole: the weights the ballots are counted with.', verbose_name='weight scale')),
                ('created_at', models.DateTimeField(default=django.utils.timezone.now, verbose_name='created at')),
                ('history_id', models.AutoField(primary_key=True, serialize=False)),
                ('history_date', models.DateTimeField(db_index=True)),
                ('history_change_reason', models.TextField(null=True)),
                ('history_type', models.CharField(choices=[('+', 'Created'), ('~', 'Changed'), ('-', 'Deleted')], max_length=1)),
                ('history_user', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('motion', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='governance.motion', verbose_name='motion')),
            ],
            options={
                'verbose_name': 'historical encrypted vote',
                'verbose_name_plural': 'historical encrypted votes',
                'ordering': ('-history_date', '-history_id'),
                'get_latest_by': ('history_date', 'history_id'),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name='HistoricalTrustee',
            fields=[
                ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                ('index', models.PositiveSmallIntegerField(verbose_name='number')),
                ('name', models.CharField(blank=True, max_length=200, verbose_name='name')),
                ('box_key', models.CharField(blank=True, max_length=64, verbose_name='box public key')),
                ('dealing', models.JSONField(blank=True, null=True, verbose_name='published dealing')),
                ('history_id', models.AutoField(primary_key=True, serialize=False)),
                ('history_date', models.DateTimeField(db_index=True)),
                ('history_change_reason', models.TextField(null=True)),
                ('history_type', models.CharField(choices=[('+', 'Created'), ('~', 'Changed'), ('-', 'Deleted')], max_length=1)),
                ('election', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='governance.encryptedelection', verbose_name='election')),
                ('history_user', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('user', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='user')),
            ],
            options={
                'verbose_name': 'historical trustee',
                'verbose_name_plural': 'historical trustees',
                'ordering': ('-history_date', '-history_id'),
                'get_latest_by': ('history_date', 'history_id'),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name='Trustee',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('index', models.PositiveSmallIntegerField(verbose_name='number')),
                ('name', models.CharField(blank=True, max_length=200, verbose_name='name')),
                ('box_key', models.CharField(blank=True, max_length=64, verbose_name='box public key')),
                ('dealing', models.JSONField(blank=True, null=True, verbose_name='published dealing')),
                ('election', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='trustees', to='governance.encryptedelection', verbose_name='election')),
                ('user', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='trusteeships', to=settings.AUTH_USER_MODEL, verbose_name='user')),
            ],
            options={
                'verbose_name': 'trustee',
                'verbose_name_plural': 'trustees',
                'ordering': ['election', 'index'],
            },
        ),
        migrations.CreateModel(
            name='SealedShare',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('sealed', models.TextField(verbose_name='sealed share')),
                ('dealer', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='shares_sent', to='governance.trustee', verbose_name='dealer')),
                ('recipient', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='shares_received', to='governance.trustee', verbose_name='recipient')),
            ],
            options={
                'verbose_name': 'sealed share',
                'verbose_name_plural': 'sealed shares',
                'ordering': ['dealer', 'recipient'],
            },
        ),
        migrations.CreateModel(
            name='PartialDecryption',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('decryption', models.JSONField(verbose_name='partial decryption')),
                ('verified_at', models.DateTimeField(default=django.utils.timezone.now, verbose_name='verified at')),
                ('trustee', models.OneToOneField(on_delete=django.db.models.deletion.PROTECT, related_name='decryption', to='governance.trustee', verbose_name='trustee')),
            ],
            options={
                'verbose_name': 'decryption share',
                'verbose_name_plural': 'decryption shares',
                'ordering': ['trustee'],
            },
        ),
        migrations.AddConstraint(
            model_name='encryptedelection',
            constraint=models.CheckConstraint(condition=models.Q(('threshold__gte', 1)), name='encrypted_election_threshold_positive', violation_error_message='At least one trustee is needed to decrypt.'),
        ),
        migrations.AddConstraint(
            model_name='encryptedelection',
            constraint=models.CheckConstraint(condition=models.Q(('weight_scale__gte', 1)), name='encrypted_election_scale_positive', violation_error_message='The weight scale is a whole number of at least one.'),
        ),
        migrations.AddConstraint(
            model_name='encryptedelection',
            constraint=models.CheckConstraint(condition=models.Q(('status', 'ceremony'), models.Q(models.Q(('public_key', ''), _negated=True), models.Q(('election_hash', ''), _negated=True)), _connector='OR'), name='encrypted_election_ready_has_key', violation_error_message='An election past its key ceremony has a public key and a hash.'),
        ),
        migrations.AddConstraint(
            model_name='encryptedballot',
            constraint=models.UniqueConstraint(fields=('election', 'voter_id'), name='encrypted_ballot_once_per_voter'),
        ),
        migrations.AddConstraint(
            model_name='encryptedballot',
            constraint=models.UniqueConstraint(fields=('election', 'position'), name='encrypted_ballot_board_position'),
        ),
        migrations.AddConstraint(
            model_name='encryptedvoter',
            constraint=models.UniqueConstraint(fields=('election', 'voter_id'), name='encrypted_voter_id_unique'),
        ),
        migrations.AddConstraint(
            model_name='encryptedvoter',
            constraint=models.CheckConstraint(condition=models.Q(('weight__gte', 1)), name='encrypted_voter_weight_positive', violation_error_message='A voter on the roll has a weight of more than zero.'),
        ),
        migrations.AddConstraint(
            model_name='trustee',
            constraint=models.UniqueConstraint(fields=('election', 'index'), name='trustee_number_once_per_election'),
        ),
        migrations.AddConstraint(
            model_name='trustee',
            constraint=models.UniqueConstraint(fields=('election', 'user'), name='trustee_user_once_per_election'),
        ),
        migrations.AddConstraint(
            model_name='trustee',
            constraint=models.CheckConstraint(condition=models.Q(('index__gte', 1)), name='trustee_numbered_from_one', violation_error_message='Trustees are numbered from 1.'),
        ),
        migrations.AddConstraint(
            model_name='trustee',
            constraint=models.CheckConstraint(condition=models.Q(('user__isnull', False), models.Q(('name', ''), _negated=True), _connector='OR'), name='trustee_is_someone', violation_error_message='A trustee is a user of the platform or a named outside party.'),
        ),
        migrations.AddConstraint(
            model_name='trustee',
            constraint=models.CheckConstraint(condition=models.Q(('dealing__isnull', True), models.Q(('box_key', ''), _negated=True), _connector='OR'), name='trustee_deals_after_registering', violation_error_message='A trustee registers a box key before publishing a dealing.'),
        ),
        migrations.AddConstraint(
            model_name='sealedshare',
            constraint=models.UniqueConstraint(fields=('dealer', 'recipient'), name='sealed_share_once_per_pair'),
        ),
    ]
